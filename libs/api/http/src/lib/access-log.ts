import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ScopedRequest } from './bearer-auth.guard';

/** The fields of one access-log line, written as JSON keys beside `msg` (a type: log fields are a record). */
export type AccessLogFields = {
  /** The caller's `X-Request-Id` when it is a plain token, else one made here; echoed in the response. */
  requestId: string;
  method: string;
  /** The path as requested, with the values of query parameters that look like secrets replaced. */
  path: string;
  /** The matched route's pattern (`/api/assets/:id`), `unmatched` when none matched. */
  route: string;
  status: number;
  durationMs: number;
  /** Response size in bytes when the response said it (`Content-Length`), else null (streams). */
  bytes: number | null;
  /** Known once the bearer guard authenticated the caller. */
  userId?: string;
  actor?: string;
  tenantId?: string;
  partnerId?: string;
};

/** Where one access-log line per request goes: health and metrics probes at debug, the rest at info. */
export type AccessLog = (line: string, level: 'info' | 'debug', fields: AccessLogFields) => void;

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// Query parameters whose values are never logged (`?token=`, `?api_key=`, `?password=` ...).
const SECRET_PARAM = /token|passw|secret|key|auth|signature|session|code|credential/i;
// Paths of scrapers and probes: answered often, of interest only when debugging.
const PROBE_PATHS = new Set(['/health', '/metrics', '/livez', '/readyz']);

/** The request's id: the caller's `X-Request-Id` when it is a plain token, else a new UUID. */
export function requestIdOf(req: Request): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The requested path with the values of secret-looking query parameters written as `[REDACTED]`. */
export function loggablePath(originalUrl: string): string {
  const at = originalUrl.indexOf('?');
  if (at < 0) return originalUrl;
  const query = originalUrl
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET_PARAM.test(decodeQueryName(name)) ? `${name}=[REDACTED]` : pair;
    });
  return `${originalUrl.slice(0, at)}?${query.join('&')}`;
}

function decodeQueryName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** The access-log line of a finished request: its level, its text and its fields. */
export function accessLogEntry(
  req: Request,
  res: Response,
  facts: { requestId: string; route: string; seconds: number },
): { line: string; level: 'info' | 'debug'; fields: AccessLogFields } {
  const path = loggablePath(req.originalUrl);
  const durationMs = Math.round(facts.seconds * 1e4) / 10;
  const length = Number(res.getHeader('content-length'));
  const fields: AccessLogFields = {
    requestId: facts.requestId,
    method: req.method,
    path,
    route: facts.route,
    status: res.statusCode,
    durationMs,
    bytes: Number.isFinite(length) ? length : null,
    ...callerFields(req as unknown as ScopedRequest),
  };
  const line = `http: ${req.method} ${path} ${res.statusCode} ${durationMs.toFixed(1)}ms`;
  return { line, level: PROBE_PATHS.has(req.path) ? 'debug' : 'info', fields };
}

function callerFields(req: ScopedRequest): Partial<AccessLogFields> {
  const caller = req.caller;
  if (!caller) return {};
  const scope = caller.scope;
  return {
    ...(caller.userId ? { userId: caller.userId } : {}),
    actor: caller.actor,
    ...(scope.kind === 'tenant' ? { tenantId: scope.tenantId } : {}),
    ...(scope.kind === 'partner' ? { partnerId: scope.partnerId } : {}),
  };
}
