import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import type { HealthCheck } from '../api-context';
import { HealthController } from './health.controller';
import { call, startFixtureApi } from './users-api.fixture';

type Api = Awaited<ReturnType<typeof startFixtureApi>>;

/** `/health` and `/metrics` through real HTTP, with dependencies that answer, fail, refuse and hang. */
describe(HealthController.name, () => {
  let db: SqlDatabase;
  const apis: Api[] = [];
  const start = async (healthChecks: HealthCheck[]) => {
    const api = await startFixtureApi(db, { healthChecks });
    apis.push(api);
    return api;
  };

  beforeAll(async () => {
    db = await openTestDatabase();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.close()));
    await db?.close();
  });

  it('answers 200 when every dependency is up', async () => {
    const sut = await start([
      { name: 'postgresql', check: async () => true },
      { name: 'influxdb', check: async () => true },
    ]);
    const r = await call(sut.port, null, 'GET', '/health');
    expect(r).toEqual({
      status: 200,
      body: { status: 'ok', failing: [], checks: { postgresql: 'ok', influxdb: 'ok' } },
    });
  });

  it('answers 503 naming each failing dependency (throws, says no, hangs past 3 s) and no error text', async () => {
    const sut = await start([
      {
        name: 'postgresql',
        check: () => Promise.reject(new Error('connect ECONNREFUSED 10.9.8.7:5432')),
      },
      { name: 'influxdb', check: async () => false },
      { name: 'redis', check: () => new Promise<boolean>(() => undefined) },
      { name: 'mqtt', check: async () => true },
    ]);
    const t0 = Date.now();
    const r = await call(sut.port, null, 'GET', '/health');
    expect(Date.now() - t0).toBeLessThan(6_000);
    expect(r.status).toBe(503);
    expect({ ...r.body, failing: [...r.body.failing].sort() }).toEqual({
      status: 'unavailable',
      failing: ['influxdb', 'postgresql', 'redis'],
      checks: { postgresql: 'down', influxdb: 'down', redis: 'down', mqtt: 'ok' },
    });
    expect(JSON.stringify(r.body)).not.toMatch(/10\.9\.8\.7|5432|ECONNREFUSED|no answer/);
  });

  it('serves /metrics without a token, uncached, in the Prometheus text format with the API counters', async () => {
    const sut = await start([]);
    expect((await call(sut.port, 'hgu_not-a-token', 'GET', '/api/assets')).status).toBe(401);
    const response = await fetch(`http://127.0.0.1:${sut.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toMatch(/^# HELP hg_api_auth_rejected_total /m);
    expect(text).toMatch(/^# TYPE hg_api_auth_rejected_total counter$/m);
    expect(text).toMatch(/^hg_api_auth_rejected_total\{reason="invalid"\} 1$/m);
  });
});
