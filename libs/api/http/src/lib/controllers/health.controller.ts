import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiContext } from '../api-context';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref(),
    ),
  ]);

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly context: ApiContext) {}

  @Get('health')
  @ApiOperation({
    summary: '200 once ready; 503 naming the failing dependency otherwise (no token needed)',
  })
  async health(@Res() res: Response): Promise<void> {
    const checks: Record<string, string> = {};
    await Promise.all(
      this.context.healthChecks.map(async (c) => {
        // The reason stays out of the answer: it is public, and error texts name hosts and ports.
        checks[c.name] = (await withTimeout(c.check(), 3_000).catch(() => false)) ? 'ok' : 'down';
      }),
    );
    const failing = Object.entries(checks)
      .filter(([, v]) => v !== 'ok')
      .map(([k]) => k);
    res
      .status(failing.length ? 503 : 200)
      .json({ status: failing.length ? 'unavailable' : 'ok', failing, checks });
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.context.metrics.contentType);
    res.send(await this.context.metrics.render());
  }
}
