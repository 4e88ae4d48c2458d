import type { INestApplication } from '@nestjs/common';

/** Every `METHOD /path` the running app routes, read from Express' route table (the docs excepted). */
export function routeTable(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  const routes = express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m.toUpperCase()} ${layer.route?.path}`)
      : [],
  );
  return [...new Set(routes)].filter((r) => !/ \/api\/docs/.test(r)).sort();
}
