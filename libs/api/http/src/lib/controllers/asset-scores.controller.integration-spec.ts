import { AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { RiskScoreRepository } from '@hourglass/risk-scoring';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  seedTwoTenants,
  startApiWithProviderAndCustomer,
  type RoleCallers,
} from './users-api.fixture';

/** Scores of acme-1 as scoring rounds store them: (instant, probability). */
const ROUNDS: Array<[string, number]> = [
  ['2026-01-01T06:00:00Z', 0.1],
  ['2026-01-01T18:00:00Z', 0.15],
  ['2026-03-01T12:00:00Z', 0.3],
  ['2026-04-10T09:10:00Z', 0.4],
  ['2026-04-10T09:50:00Z', 0.45],
  ['2026-04-10T20:00:00Z', 0.5],
];

// Issue 16: risk and RUL over time through HTTP, the resolution picked from the range.
forEachSqlBackend('GET /api/assets/{id}/scores', (db: () => SqlDatabase) => {
  let callers: RoleCallers;

  beforeAll(async () => {
    await seedTwoTenants(db());
    const scores = new RiskScoreRepository(db(), new AssetRepository(db()));
    for (const [at, probability] of ROUNDS) {
      const score = {
        assetId: 'acme-1',
        tenantId: 'acme',
        probability,
        horizon: 30,
        rul: Math.round(100 * (1 - probability)),
        modelVersion: 'm@1',
        scoredAt: at,
        windowEnd: at,
      };
      await scores.saveMany([{ score, above: false }]);
    }
    callers = await startApiWithProviderAndCustomer(db());
  }, 120_000);

  afterAll(async () => {
    await callers?.api.close();
  });

  const scores = (query: string) => callers.customer('GET', `/api/assets/acme-1/scores${query}`);

  it("answers the hours' latest scores for a range up to 90 days", async () => {
    const r = await scores('?from=2026-04-10T00:00:00Z&to=2026-04-11T00:00:00Z');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      assetId: 'acme-1',
      from: '2026-04-10T00:00:00.000Z',
      to: '2026-04-11T00:00:00.000Z',
      resolution: '1h',
    });
    expect(r.body.items).toEqual([
      { scoredAt: '2026-04-10T09:50:00.000Z', probability: 0.45, rul: 55, modelVersion: 'm@1' },
      { scoredAt: '2026-04-10T20:00:00.000Z', probability: 0.5, rul: 50, modelVersion: 'm@1' },
    ]);
  });

  it("answers each day's last score when the range is over 90 days", async () => {
    const r = await scores('?from=2026-01-01T00:00:00Z&to=2026-05-01T00:00:00Z');
    expect(r.body.resolution).toBe('1d');
    expect(r.body.items.map((p: { probability: number }) => p.probability)).toEqual([
      0.15, 0.3, 0.5,
    ]);
  });

  it('refuses an empty or malformed range', async () => {
    expect((await scores('?from=2026-04-10T00:00:00Z&to=2026-04-10T00:00:00Z')).status).toBe(400);
    expect((await scores('?from=yesterday')).status).toBe(400);
  });
});
