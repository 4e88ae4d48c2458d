import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import { startFixtureApi } from './users-api.fixture';
import { ModelsController } from './models.controller';

const TOKEN = 'test-admin-token-0123456789';
const V1 = 'fd-v1@aaaaaaaaaaaa';
const V2 = 'fd-v2@bbbbbbbbbbbb';
const EVALUATION = {
  backtest: { byThreshold: [{ threshold: 0.5, falseWarningsPerAssetYear: 1 }] },
};

/** A loosely typed JSON answer (shapes are asserted by the tests). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function registry(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hg-api-models-'));
  for (const version of [V1, V2]) {
    const name = version.split('@')[0];
    mkdirSync(join(dir, name));
    writeFileSync(
      join(dir, name, 'model-card.json'),
      JSON.stringify({ version, metrics: { rmse: 12 } }),
    );
  }
  writeFileSync(join(dir, 'fd-v2', 'evaluation.json'), JSON.stringify(EVALUATION));
  return dir;
}

describe(ModelsController.name, () => {
  let db: SqlDatabase;
  let api: { port: number; close: () => Promise<void> };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`http://127.0.0.1:${api.port}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, Json>) : null,
    };
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    api = await startFixtureApi(db, {
      adminToken: TOKEN,
      modelsDir: registry(),
      activeModel: () => V1,
    });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it('lists the versions with the serving one active and none in shadow', async () => {
    const { status, body } = await call('GET', '/api/models');
    expect(status).toBe(200);
    expect(body!['items'].map((m: Json) => [m.version, m.active, m.shadow])).toEqual([
      [V1, true, false],
      [V2, false, false],
    ]);
  });

  it('promotes, shadows, unshadows and rolls back, answering the deployments', async () => {
    expect((await call('POST', '/api/models/fd-v2/promote')).body!['active']).toMatchObject({
      version: V2,
      changedBy: 'admin',
    });
    expect(
      (await call('GET', '/api/models')).body!['items'].find((m: Json) => m.active).version,
    ).toBe(V2);
    expect(
      (await call('POST', `/api/models/${encodeURIComponent(V1)}/shadow`)).body!['shadow'],
    ).toMatchObject({ version: V1 });
    expect(
      (await call('GET', '/api/models')).body!['items'].find((m: Json) => m.shadow).version,
    ).toBe(V1);
    expect((await call('DELETE', '/api/models/shadow')).body!['shadow']).toBeNull();
    const rolledBack = await call('POST', '/api/models/rollback');
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body!['active']).toMatchObject({ version: V1 });
    const history = await call('GET', '/api/models/history');
    expect(history.body!['items'].map((h: Json) => h.action)).toEqual([
      'ROLLBACK',
      'UNSHADOW',
      'SHADOW',
      'PROMOTE',
    ]);
  });

  it('answers 404 for an unknown version and 409 for a rollback with nothing before', async () => {
    expect(await call('POST', '/api/models/nope/promote')).toMatchObject({
      status: 404,
      body: { error: { code: 'MODEL_NOT_FOUND' } },
    });
    expect(await call('POST', '/api/models/rollback')).toMatchObject({
      status: 409,
      body: { error: { code: 'MODEL_CONFLICT' } },
    });
    expect(await call('DELETE', '/api/models/shadow')).toMatchObject({ status: 404 });
  });

  it("answers a version's stored evaluation report, 404 when it has none", async () => {
    expect(await call('GET', `/api/models/${encodeURIComponent(V2)}/evaluation`)).toEqual({
      status: 200,
      body: EVALUATION,
    });
    expect((await call('GET', '/api/models/fd-v1/evaluation')).status).toBe(404);
    expect((await call('GET', '/api/models/nope/evaluation')).status).toBe(404);
  });

  it('sets, reads and removes a warning policy per asset type, validating the body', async () => {
    expect((await call('GET', '/api/warning-policies/turbofan')).status).toBe(404);
    const put = await call('PUT', '/api/warning-policies/turbofan', {
      threshold: 0.7,
      horizon: 20,
      consecutive: 2,
    });
    expect(put).toMatchObject({
      status: 200,
      body: {
        assetType: 'turbofan',
        threshold: 0.7,
        horizon: 20,
        consecutive: 2,
        component: 'hpc-module',
        updatedBy: 'admin',
      },
    });
    expect((await call('GET', '/api/warning-policies/turbofan')).body).toMatchObject({
      threshold: 0.7,
    });
    expect((await call('GET', '/api/warning-policies')).body!['items']).toHaveLength(1);
    const bad = await call('PUT', '/api/warning-policies/turbofan', {
      threshold: 1.5,
      horizon: 0,
      consecutive: 2,
      extra: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body!['error'].message).toMatch(/threshold[\s\S]*horizon/);
    expect((await call('DELETE', '/api/warning-policies/turbofan')).status).toBe(204);
    expect((await call('GET', '/api/warning-policies/turbofan')).status).toBe(404);
  });

  it('rejects calls without the token', async () => {
    const response = await fetch(`http://127.0.0.1:${api.port}/api/models/fd-v2/promote`, {
      method: 'POST',
    });
    expect(response.status).toBe(401);
  });
});
