import type { NextFunction, Request, Response } from 'express';
import type { MetricsRegistry } from '@hourglass/platform-metrics';
import { accessLogEntry, requestIdOf, REQUEST_ID_HEADER, type AccessLog } from './access-log';

/** Options of {@link httpMetrics}. */
export interface HttpMetricsOptions {
  /**
   * Where one access-log line per request goes (request id, method, path without query secrets,
   * route, status, ms, bytes, the caller when known); none when unset.
   */
  accessLog?: AccessLog;
}

/**
 * Express middleware counting every request as `http_requests_total{method,route,status}` and timing
 * it in `http_request_duration_seconds{method,route}`, the names stock HTTP dashboards expect. The
 * route is the matched route's pattern (`/api/assets/:id`), never the raw path, so ids do not become
 * label values; requests no route matched count as `unmatched`. Every response carries an
 * `X-Request-Id` (the caller's when it sent a plain one), the id of its access-log line.
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
    const requestId = requestIdOf(req);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.on('finish', () => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      seconds.observe({ method: req.method, route }, elapsed);
      if (!options.accessLog) return;
      const entry = accessLogEntry(req, res, { requestId, route, seconds: elapsed });
      options.accessLog(entry.line, entry.level, entry.fields);
    });
    next();
  };
}

function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  return `${req.baseUrl}${pattern}`;
}
