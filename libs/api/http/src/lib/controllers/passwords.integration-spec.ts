import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { SessionsController } from './sessions.controller';
import { ADMIN_TOKEN, call, seedTwoTenants, startFixtureApi, type Json } from './users-api.fixture';

const PASSWORD = 'tulip-harbour-42';

// Issue 16: named users with hashed passwords, sign-in by name and password through real HTTP,
// throttled failures, setting and changing passwords, sessions beside the API token.
forEachSqlBackend(SessionsController.name, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  const as = (token: string | null) => (method: string, path: string, body?: unknown) =>
    call(api.port, token, method, path, body);
  const admin = as(ADMIN_TOKEN);
  const signIn = (name: string, password: string) =>
    call(api.port, null, 'POST', '/api/sessions', { name, password });
  const create = async (name: string, role: string, extra: Record<string, unknown> = {}) => {
    const r = await admin('POST', '/api/users', { name, role, ...extra });
    expect(r.status).toBe(201);
    return r.body as Json;
  };

  beforeAll(async () => {
    await seedTwoTenants(db());
    api = await startFixtureApi(db(), {
      signIn: { byName: { maxFailures: 3 }, byAddress: { maxFailures: 50 } },
    });
  }, 60_000);
  afterAll(() => api?.close());

  it('signs a user in by name (any case) and password with a session token that expires, for the user and role', async () => {
    await create('olga@provider', 'operator', { password: PASSWORD });
    const before = Date.now();
    const session = await signIn('OLGA@provider', PASSWORD);
    expect(session).toMatchObject({
      status: 201,
      body: { user: { name: 'olga@provider', role: 'operator', tenantId: null } },
    });
    expect(session.body.token).toMatch(/^hgu_/);
    const expires = Date.parse(session.body.expiresAt);
    expect(expires - before).toBeGreaterThan(11.9 * 3_600_000);
    expect(expires - before).toBeLessThan(12.1 * 3_600_000);
    expect(await as(session.body.token)('GET', '/api/me')).toEqual({
      status: 200,
      body: { name: 'olga@provider', role: 'operator', tenantId: null },
    });
  });

  it('keeps only a salted scrypt hash, and shows whether a user has a password, never the hash', async () => {
    const [row] = await db().query<{ password_hash: string }>(
      `select password_hash from users where name = 'olga@provider'`,
    );
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    const listed = (await admin('GET', '/api/users')).body.items as Json[];
    expect(listed.find((u) => u.name === 'olga@provider')).toMatchObject({ hasPassword: true });
    expect(JSON.stringify(listed)).not.toContain('scrypt');
  });

  it('answers a wrong password, an unknown name and a user without a password alike: 401', async () => {
    await create('nopass@provider', 'provider');
    for (const [name, password] of [
      ['olga@provider', 'wrong-password-1'],
      ['nobody@nowhere', PASSWORD],
      ['nopass@provider', PASSWORD],
    ]) {
      expect(await signIn(name, password)).toEqual({
        status: 401,
        body: { error: { code: 'SIGN_IN_FAILED', message: 'wrong user name or password' } },
      });
    }
  });

  it('blocks a user name after repeated failures with 429 and Retry-After, a right password too; other names go on', async () => {
    await create('rita@provider', 'reliability-engineer', { password: PASSWORD });
    for (let i = 0; i < 3; i++)
      expect((await signIn('rita@provider', `guess-${i}-xxxxx`)).status).toBe(401);
    const response = await fetch(`http://127.0.0.1:${api.port}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rita@provider', password: PASSWORD }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(((await response.json()) as Json).error).toEqual({
      code: 'SIGN_IN_THROTTLED',
      message: expect.stringMatching(
        /too many failed sign-ins for this user name: try again in \d+ s/,
      ),
    });
    expect((await signIn('olga@provider', PASSWORD)).status).toBe(201);
  });

  it('lets provider-admin set a password: the sessions end, the API token keeps working', async () => {
    const ada = await create('ada@provider', 'account-manager');
    expect((await signIn('ada@provider', PASSWORD)).status).toBe(401);
    expect(
      (await admin('PUT', `/api/users/${ada.id}/password`, { password: 'short' })).status,
    ).toBe(400);
    expect(
      (await admin('PUT', `/api/users/${ada.id}/password`, { password: PASSWORD })).status,
    ).toBe(204);
    const session = (await signIn('ada@provider', PASSWORD)).body.token as string;
    expect((await as(session)('GET', '/api/me')).status).toBe(200);
    expect(
      (await admin('PUT', `/api/users/${ada.id}/password`, { password: 'another-one-77' })).status,
    ).toBe(204);
    expect((await as(session)('GET', '/api/me')).status).toBe(401);
    expect((await as(ada.token)('GET', '/api/me')).status).toBe(200);
    expect(
      (await as(ada.token)('PUT', `/api/users/${ada.id}/password`, { password: PASSWORD })).status,
    ).toBe(403);
  });

  it('lets a user change its own password with the current one; all its sessions end and it gets a new one', async () => {
    const cora = await create('cora@acme', 'customer', { tenantId: 'acme', password: PASSWORD });
    const old = (await signIn('cora@acme', PASSWORD)).body.token as string;
    const change = (body: unknown) => as(cora.token)('PUT', '/api/me/password', body);
    expect(await change({ password: 'brand-new-secret' })).toMatchObject({
      status: 403,
      body: { error: { code: 'WRONG_PASSWORD' } },
    });
    const changed = await change({ currentPassword: PASSWORD, password: 'brand-new-secret' });
    expect(changed).toMatchObject({
      status: 200,
      body: { user: { name: 'cora@acme', tenantId: 'acme' } },
    });
    expect((await as(old)('GET', '/api/me')).status).toBe(401);
    expect((await as(changed.body.token)('GET', '/api/me')).status).toBe(200);
    expect((await signIn('cora@acme', PASSWORD)).status).toBe(401);
    expect((await signIn('cora@acme', 'brand-new-secret')).status).toBe(201);
    expect((await admin('PUT', '/api/me/password', { password: 'brand-new-secret' })).status).toBe(
      400,
    );
  });

  it('signs out: the session token stops working, the API token does not', async () => {
    const user = await create('sam@provider', 'provider', { password: PASSWORD });
    const session = (await signIn('sam@provider', PASSWORD)).body.token as string;
    expect((await as(session)('DELETE', '/api/sessions/current')).status).toBe(204);
    expect((await as(session)('GET', '/api/me')).status).toBe(401);
    expect((await as(user.token)('DELETE', '/api/sessions/current')).status).toBe(204);
    expect((await as(user.token)('GET', '/api/me')).status).toBe(200);
  });

  it('refuses a disabled user and a password below 10 characters at creation', async () => {
    const dora = await create('dora@provider', 'provider', { password: PASSWORD });
    expect((await admin('DELETE', `/api/users/${dora.id}`)).status).toBe(200);
    expect((await signIn('dora@provider', PASSWORD)).status).toBe(401);
    expect(
      (await admin('POST', '/api/users', { name: 'eve', role: 'provider', password: 'short' }))
        .status,
    ).toBe(400);
  });
});
