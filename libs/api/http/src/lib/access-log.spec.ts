import type { Request, Response } from 'express';
import { tenantScope } from '@hourglass/platform-tenancy';
import { accessLogEntry, loggablePath, requestIdOf } from './access-log';

const request = (fields: Partial<Request> & Record<string, unknown>) =>
  ({ method: 'GET', headers: {}, ...fields }) as unknown as Request;
const response = (status: number, length?: string) =>
  ({ statusCode: status, getHeader: () => length }) as unknown as Response;

describe('accessLogEntry', () => {
  it('logs method, path, route, status, ms, bytes, request id and the authenticated caller', () => {
    const req = request({
      originalUrl: '/api/assets/a-1?window=7d',
      path: '/api/assets/a-1',
      caller: { userId: 'u-1', actor: 'amy', role: 'customer', scope: tenantScope('acme') },
    });
    const sut = accessLogEntry(req, response(200, '512'), {
      requestId: 'r-1',
      route: '/api/assets/:id',
      seconds: 0.01234,
    });
    expect(sut).toEqual({
      line: 'http: GET /api/assets/a-1?window=7d 200 12.3ms',
      level: 'info',
      fields: {
        requestId: 'r-1',
        method: 'GET',
        path: '/api/assets/a-1?window=7d',
        route: '/api/assets/:id',
        status: 200,
        durationMs: 12.3,
        bytes: 512,
        userId: 'u-1',
        actor: 'amy',
        tenantId: 'acme',
      },
    });
  });

  it('logs health and metrics probes at debug, without a caller or a size', () => {
    for (const path of ['/health', '/metrics']) {
      const sut = accessLogEntry(request({ originalUrl: path, path }), response(200), {
        requestId: 'r-2',
        route: path,
        seconds: 0.001,
      });
      expect(sut.level).toBe('debug');
      expect(sut.fields).not.toHaveProperty('userId');
      expect(sut.fields.bytes).toBeNull();
    }
  });
});

describe(loggablePath.name, () => {
  it('replaces the values of secret-looking query parameters and keeps the others', () => {
    expect(loggablePath('/api/events?token=abc&from=2026-01-01&api_key=k1&access%5Ftoken=t2')).toBe(
      '/api/events?token=[REDACTED]&from=2026-01-01&api_key=[REDACTED]&access%5Ftoken=[REDACTED]',
    );
    expect(loggablePath('/api/x?password=p&flag')).toBe('/api/x?password=[REDACTED]&flag');
    expect(loggablePath('/api/assets')).toBe('/api/assets');
  });
});

describe(requestIdOf.name, () => {
  it("keeps the caller's plain X-Request-Id and replaces anything else with a UUID", () => {
    expect(requestIdOf(request({ headers: { 'x-request-id': 'abc-123' } }))).toBe('abc-123');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(requestIdOf(request({ headers: { 'x-request-id': 'a b\n{"level":"error"}' } }))).toMatch(
      uuid,
    );
    expect(requestIdOf(request({}))).toMatch(uuid);
  });
});
