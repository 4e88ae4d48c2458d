import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { ADMIN_TOKEN, call, seedTwoTenants, startFixtureApi, type Json } from './users-api.fixture';

type Api = { port: number; close: () => Promise<void> };

// Issue 12, items 7 and 10 (HTTP): answers to hostile requests, through real HTTP on both SQL engines.
forEachSqlBackend('HTTP hardening', (db: () => SqlDatabase) => {
  let api: Api;
  const admin = (method: string, path: string, body?: unknown) =>
    call(api.port, ADMIN_TOKEN, method, path, body);

  beforeAll(async () => {
    await seedTwoTenants(db());
    api = await startFixtureApi(db(), {
      healthChecks: [
        {
          name: 'postgresql',
          check: async () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432')),
        },
        { name: 'influxdb', check: async () => true },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('answers an oversized body with 413, not 500', async () => {
    const response = await fetch(`http://127.0.0.1:${api.port}/api/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'big', type: 'turbofan', padding: 'x'.repeat(200_000) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as Json).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers a malformed JSON body with 400', async () => {
    const response = await fetch(`http://127.0.0.1:${api.port}/api/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{"id": ',
    });
    expect(response.status).toBe(400);
  });

  it.each([
    'from=99999999999999999',
    'to=9999999999999999',
    'from=2026-13-01T00:00:00Z',
    'from=yesterday',
  ])('answers telemetry?%s with 400', async (query) => {
    const r = await admin('GET', `/api/assets/acme-1/telemetry?${query}`);
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION' } } });
  });

  it('answers bad dates and unknown fields of bodies and queries with a 400 naming the field, never 500 (R5)', async () => {
    const terms = { tz: 'UTC', currency: 'EUR', ratePerHour: '100.00', slaTarget: '0.99' };
    expect(
      (
        await admin('POST', '/api/contracts', {
          id: 'acme-r5',
          name: 'r5',
          tenantId: 'acme',
          fleet: true,
          terms,
        })
      ).status,
    ).toBe(201);
    const cases: Array<[string, string, unknown, RegExp]> = [
      [
        'POST',
        '/api/contracts/acme-r5/windows',
        { kind: 'FORCE_MAJEURE', start: '2026-02-30T00:00:00Z-bad', end: '2026-03-01T00:00:00Z' },
        /start: /,
      ],
      [
        'POST',
        '/api/contracts/acme-r5/windows',
        { kind: 'FORCE_MAJEURE', start: '2026-03-01T00:00:00Z', end: 'the first of april 2026' },
        /end: /,
      ],
      [
        'POST',
        '/api/contracts/acme-r5/versions',
        { effectiveFrom: 'yesterday, around noon', terms: {} },
        /effectiveFrom: /,
      ],
      [
        'POST',
        '/api/contracts/acme-r5/windows',
        {
          kind: 'FORCE_MAJEURE',
          start: '2026-03-01T00:00:00Z',
          end: '2026-03-02T00:00:00Z',
          colour: 'red',
        },
        /colour/,
      ],
      ['GET', '/api/assets/acme-1/billing-events?from=not-an-instant-at-all', undefined, /from: /],
      ['GET', '/api/devices?colour=red', undefined, /colour/],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await admin(method, path, body);
      expect([path, r.status, r.body.error.message]).toEqual([
        path,
        400,
        expect.stringMatching(field),
      ]);
    }
  });

  it('names the failing dependency on /health without echoing its error', async () => {
    const r = await call(api.port, null, 'GET', '/health');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({
      status: 'unavailable',
      failing: ['postgresql'],
      checks: { postgresql: 'down', influxdb: 'ok' },
    });
    expect(JSON.stringify(r.body)).not.toMatch(/10\.1\.2\.3|5432|ECONNREFUSED/);
  });

  it('gives user tokens an optional expiry, shown in /api/users, and refuses them once expired', async () => {
    const forever = await admin('POST', '/api/users', { name: 'eve@provider', role: 'provider' });
    expect(forever).toMatchObject({ status: 201, body: { tokenExpiresAt: null } });
    const day = await admin('POST', '/api/users', {
      name: 'dan@provider',
      role: 'provider',
      ttlDays: 1,
    });
    expect(day.status).toBe(201);
    expect(Date.parse(day.body.tokenExpiresAt) - Date.now()).toBeGreaterThan(86_300_000);
    expect((await call(api.port, day.body.token, 'GET', '/api/assets')).status).toBe(200);
    const listed = (await admin('GET', '/api/users')).body.items.find(
      (u: Json) => u.name === 'dan@provider',
    );
    expect(listed.tokenExpiresAt).toBe(day.body.tokenExpiresAt);

    await db().query(
      `update user_tokens set expires_at = now() - interval '1 second' where user_id = $1`,
      [day.body.id],
    );
    expect(await call(api.port, day.body.token, 'GET', '/api/assets')).toMatchObject({
      status: 401,
      body: { error: { message: expect.stringMatching(/expired/) } },
    });

    const at = new Date(Date.now() + 3_600_000).toISOString();
    const rotated = await admin('POST', `/api/users/${day.body.id}/token`, { expiresAt: at });
    expect(rotated).toMatchObject({ status: 200, body: { tokenExpiresAt: at } });
    expect((await call(api.port, rotated.body.token, 'GET', '/api/assets')).status).toBe(200);

    expect(
      (
        await admin('POST', '/api/users', {
          name: 'old@provider',
          role: 'provider',
          expiresAt: '2020-01-01T00:00:00Z',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await admin('POST', '/api/users', {
          name: 'two@provider',
          role: 'provider',
          ttlDays: 1,
          expiresAt: at,
        })
      ).status,
    ).toBe(400);
  });

  it('answers 429 with Retry-After to an address after too many wrong tokens, and never slows right ones', async () => {
    const throttled = await startFixtureApi(db(), {
      authThrottle: { maxFailures: 3, windowMs: 60_000, blockMs: 60_000 },
    });
    try {
      const as = (token: string) =>
        fetch(`http://127.0.0.1:${throttled.port}/api/assets`, {
          headers: { authorization: `Bearer ${token}` },
        });
      for (let i = 0; i < 20; i += 1) expect((await as(ADMIN_TOKEN)).status).toBe(200);
      for (let i = 0; i < 3; i += 1) expect((await as(`hgu_wrong-${i}`)).status).toBe(401);
      const blocked = await as('hgu_wrong-again');
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
      // While blocked, a right token is refused too: otherwise guessing could go on at full speed.
      expect((await as(ADMIN_TOKEN)).status).toBe(429);
      const metrics = await (await fetch(`http://127.0.0.1:${throttled.port}/metrics`)).text();
      expect(metrics).toMatch(/hg_api_auth_rejected_total\{reason="throttled"\} 2/);
    } finally {
      await throttled.close();
    }
  });
});
