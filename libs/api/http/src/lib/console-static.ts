import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API answers itself: never the console's, even when no route matches (a JSON 404 then). */
const API_PATH = /^\/(api|health|metrics)(\/|$)/;

/**
 * Serves the built console (`index.html` and hashed assets) from `dir` at `/`, and answers every
 * other GET for a page outside the API with `index.html` so the console's own paths (`/assets/x`,
 * `/orders`) load on reload. Must be registered before the app listens: Nest appends its routes
 * and its 404 handler at init. Returns false (serving nothing) when `dir` holds no build.
 */
export function serveConsole(app: INestApplication, dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const express = app as NestExpressApplication;
  express.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) => {
      // Vite puts a content hash in every asset name: they never change under the same URL.
      if (path.includes(`${join(dir, 'static')}`))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  express.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      API_PATH.test(req.path) ||
      !req.accepts('html')
    )
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
