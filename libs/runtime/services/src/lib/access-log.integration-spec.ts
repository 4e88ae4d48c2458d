import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { startApi } from './api.runner';
import { configureProcessLog } from './process-log';
import { openRuntimeContext, stderrLog, type RuntimeContext } from './runtime-context';

type Line = Record<string, unknown>;

/** Issue 17: one pino JSON line per API request, through the real API on PGlite, with no secrets. */
describe('API access log', () => {
  const adminToken = 'access-log-admin-token-0123456789abcdef';
  let dataDir: string;
  let ctx: RuntimeContext;
  let api: Awaited<ReturnType<typeof startApi>>;
  let base: string;
  const out: string[] = [];
  const lines = (): Line[] => out.map((text) => JSON.parse(text) as Line);
  const lineOf = (requestId: string) => lines().filter((line) => line['requestId'] === requestId);
  const get = (path: string, headers: Record<string, string>) =>
    fetch(`${base}${path}`, { headers }).then(async (res) => {
      await res.arrayBuffer();
      return res;
    });

  beforeAll(async () => {
    configureProcessLog({ level: 'debug', name: 'api', sink: (text) => out.push(text) });
    dataDir = mkdtempSync(join(tmpdir(), 'hg-access-log-'));
    ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir, HG_ADMIN_TOKEN: adminToken }),
      stderrLog,
    );
    api = await startApi(ctx, { port: 0 });
    base = `http://127.0.0.1:${api.port}`;
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await ctx?.telemetry.close();
    await ctx?.db.close();
    configureProcessLog({ level: 'info' });
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("writes one info line per request with the caller's user and tenant, and never a secret", async () => {
    const password = 'correct-horse-battery-staple-42';
    const created = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'amy', role: 'customer', tenantId: 'default', password }),
    });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; token: string };

    const res = await get('/api/assets?limit=5', {
      authorization: `Bearer ${user.token}`,
      'x-request-id': 'req-access-1',
    });
    expect([res.status, res.headers.get('x-request-id')]).toEqual([200, 'req-access-1']);
    const denied = await get('/api/assets', { authorization: 'Bearer not-a-valid-token-at-all' });
    expect(denied.status).toBe(401);
    // Refused (no such parameter), and logged all the same, without the value.
    const leaky = await get('/api/assets?token=query-secret-value', {
      authorization: `Bearer ${adminToken}`,
    });

    expect(lineOf('req-access-1')).toEqual([
      expect.objectContaining({
        level: 'info',
        name: 'api',
        component: 'http',
        msg: expect.stringMatching(/^http: GET \/api\/assets\?limit=5 200 [\d.]+ms$/),
        method: 'GET',
        path: '/api/assets?limit=5',
        route: '/api/assets',
        status: 200,
        durationMs: expect.any(Number),
        userId: user.id,
        actor: 'amy',
        tenantId: 'default',
      }),
    ]);
    const deniedLines = lineOf(denied.headers.get('x-request-id') ?? '');
    expect(deniedLines).toEqual([expect.objectContaining({ status: 401, level: 'info' })]);
    expect(deniedLines[0]).not.toHaveProperty('userId');
    expect(lineOf(leaky.headers.get('x-request-id') ?? '')).toEqual([
      expect.objectContaining({ path: '/api/assets?token=[REDACTED]', actor: 'admin' }),
    ]);
    const text = out.join('');
    for (const secret of [adminToken, user.token, password, 'query-secret-value', 'not-a-valid'])
      expect(text).not.toContain(secret);
  });

  it('writes the health and metrics probes at debug', async () => {
    for (const path of ['/health', '/metrics']) {
      const res = await get(path, {});
      expect(res.status).toBe(200);
      expect(lineOf(res.headers.get('x-request-id') ?? '')).toEqual([
        expect.objectContaining({ level: 'debug', path, status: 200 }),
      ]);
    }
  });
});
