import { AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { RiskScoreRepository } from '@hourglass/risk-scoring';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { AssetQueryService } from './asset-query.service';

const SCORED_AT = '2026-11-02T10:00:00.000Z';
const WINDOW_END = '2026-11-02T09:59:00.000Z';

/** Tenants acme (q-a1 scored, q-a2 not) and globex (q-g1 scored, with a score row carrying the asset's tenant). */
async function seed(db: SqlDatabase): Promise<void> {
  await db.query(
    `insert into tenants (id, name) values ('acme', 'Acme'), ('globex', 'Globex') on conflict do nothing`,
  );
  for (const [id, tenant] of [
    ['q-a1', 'acme'],
    ['q-a2', 'acme'],
    ['q-g1', 'globex'],
  ]) {
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, $2, 'pump', $1, 'x')`,
      [id, tenant],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type, state, last_seen) values ($1, $2, $1, 'pump', 'RUN', $3)`,
      [id, tenant, SCORED_AT],
    );
  }
  await new RiskScoreRepository(db, new AssetRepository(db)).saveMany([
    {
      score: {
        assetId: 'q-a1',
        tenantId: 'acme',
        probability: 0.25,
        horizon: 30,
        rul: 120.5,
        modelVersion: 'v1',
        scoredAt: SCORED_AT,
        windowEnd: WINDOW_END,
      },
      above: false,
    },
    {
      score: {
        assetId: 'q-g1',
        tenantId: 'globex',
        probability: 0.75,
        horizon: 30,
        rul: 12,
        modelVersion: 'v1',
        scoredAt: SCORED_AT,
        windowEnd: WINDOW_END,
      },
      above: true,
    },
  ]);
}

forEachSqlBackend(AssetQueryService.name, (db: () => SqlDatabase) => {
  const sut = () =>
    new AssetQueryService(
      new AssetRepository(db()),
      new RiskScoreRepository(db(), new AssetRepository(db())),
    );

  beforeAll(async () => {
    await seed(db());
  });

  it("lists a tenant's assets by id with their latest score, null where never scored", async () => {
    expect(await sut().list(tenantScope('acme'))).toEqual([
      {
        id: 'q-a1',
        tenantId: 'acme',
        deviceId: 'q-a1',
        type: 'pump',
        state: 'RUN',
        lastSeen: SCORED_AT,
        installedAt: null,
        // Never connected to the embedded broker.
        connection: null,
        connectionSince: null,
        risk: {
          probability: 0.25,
          horizon: 30,
          rul: 120.5,
          modelVersion: 'v1',
          scoredAt: SCORED_AT,
        },
      },
      {
        id: 'q-a2',
        tenantId: 'acme',
        deviceId: 'q-a2',
        type: 'pump',
        state: 'RUN',
        lastSeen: SCORED_AT,
        installedAt: null,
        // Never connected to the embedded broker.
        connection: null,
        connectionSince: null,
        risk: null,
      },
    ]);
  });

  it('finds one asset only within its scope', async () => {
    expect(await sut().list(tenantScope('acme'), 'q-g1')).toEqual([]);
    const [globex] = await sut().list(PROVIDER_SCOPE, 'q-g1');
    expect(globex.risk).toEqual({
      probability: 0.75,
      horizon: 30,
      rul: 12,
      modelVersion: 'v1',
      scoredAt: SCORED_AT,
    });
    expect((await sut().list(PROVIDER_SCOPE)).map((a) => a.id)).toEqual(
      expect.arrayContaining(['q-a1', 'q-a2', 'q-g1']),
    );
  });
});
