import type { NextFunction, Request, Response } from 'express';
import type { MetricsRegistry } from '@hourglass/platform-metrics';

/** Options of {@link httpMetrics}. */
export interface HttpMetricsOptions {
  /** Where one access-log line per request goes (method, route, status, time, size); none when unset. */
  accessLog?: (line: string) => void;
}

/**
 * Express middleware counting every request as `http_requests_total{method,route,status}` and timing
 * it in `http_request_duration_seconds{method,route}`, the names stock HTTP dashboards expect. The
 * route is the matched route's pattern (`/api/assets/:id`), never the raw path, so ids do not become
 * label values; requests no route matched count as `unmatched`.
 */
export function httpMetrics(metrics: MetricsRegistry, options: HttpMetricsOptions = {}) {
  const requests = metrics.counter('http_requests_total', 'HTTP requests answered', [
    'method',
    'route',
    'status',
  ]);
  const seconds = metrics.histogram(
    'http_request_duration_seconds',
    'time from request to the end of the response',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ['method', 'route'],
  );
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      seconds.observe({ method: req.method, route }, elapsed);
      options.accessLog?.(
        `http: ${req.method} ${req.originalUrl} ${res.statusCode} ${(elapsed * 1000).toFixed(1)}ms ${res.getHeader('content-length') ?? '-'}B route=${route}`,
      );
    });
    next();
  };
}

function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  return `${req.baseUrl}${pattern}`;
}
