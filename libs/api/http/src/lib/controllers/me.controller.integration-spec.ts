import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { MeController } from './me.controller';
import {
  ADMIN_TOKEN,
  call,
  createProviderAndCustomer,
  seedTwoTenants,
  startFixtureApi,
} from './users-api.fixture';

// GET /api/me through real HTTP (the console's sign-in learns the caller's role from it), and the
// built console at `/` beside the API: its files, the page for any console path, never for the API's.
forEachSqlBackend(MeController.name, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  const dir = mkdtempSync(join(tmpdir(), 'hg-console-dist-'));
  const get = (path: string, accept = 'text/html') =>
    fetch(`http://127.0.0.1:${api.port}${path}`, { headers: { accept } });

  beforeAll(async () => {
    mkdirSync(join(dir, 'static'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'static', 'app-abc123.js'), 'console.log(1)');
    await seedTwoTenants(db());
    api = await startFixtureApi(db(), { consoleDir: dir });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the admin token, a provider and a customer user with their name, role and tenant', async () => {
    expect(await call(api.port, ADMIN_TOKEN, 'GET', '/api/me')).toEqual({
      status: 200,
      body: { name: 'admin', role: 'provider-admin', tenantId: null },
    });
    const { provider, customer } = await createProviderAndCustomer((method, path, body) =>
      call(api.port, ADMIN_TOKEN, method, path, body),
    );
    expect(await call(api.port, provider, 'GET', '/api/me')).toEqual({
      status: 200,
      body: { name: 'pat@provider', role: 'provider', tenantId: null },
    });
    expect(await call(api.port, customer, 'GET', '/api/me')).toEqual({
      status: 200,
      body: { name: 'cora@acme', role: 'customer', tenantId: 'acme' },
    });
  });

  it('refuses a missing or unknown token with 401', async () => {
    expect((await call(api.port, null, 'GET', '/api/me')).status).toBe(401);
    expect((await call(api.port, 'hgu_not-a-token', 'GET', '/api/me')).status).toBe(401);
  });

  it('serves index.html at / and at console paths, and the hashed assets with a long cache', async () => {
    for (const path of ['/', '/orders', '/assets/engine-1']) {
      const res = await get(path);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: expect.stringContaining('text/html'),
      });
      expect(await res.text()).toContain('id="root"');
    }
    const asset = await get('/static/app-abc123.js', '*/*');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('leaves /api, /health and /metrics to the API', async () => {
    const missing = await get('/api/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
    expect((await get('/api/assets')).status).toBe(401);
    expect((await get('/health')).headers.get('content-type')).toContain('application/json');
    expect(await (await get('/metrics')).text()).not.toContain('id="root"');
  });
});
