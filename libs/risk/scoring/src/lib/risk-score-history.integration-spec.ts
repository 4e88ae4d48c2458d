import { AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, partnerScope, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { riskScoreHistorySchema } from '../migrations/072-risk-score-history';
import { seedAssets } from './model-deployment.fixture';
import { RiskScoreRepository, type NewRiskScore } from './risk-score.repository';

const score = (assetId: string, scoredAt: string, probability: number): NewRiskScore => ({
  assetId,
  tenantId: 'acme',
  probability,
  horizon: 30,
  rul: 100 - probability * 100,
  modelVersion: 'fd-v1@aaaaaaaaaaaa',
  scoredAt,
  windowEnd: scoredAt,
});

forEachSqlBackend('RiskScoreRepository history', (db: () => SqlDatabase) => {
  const sut = () => new RiskScoreRepository(db(), new AssetRepository(db()));
  const range = (from: string, to: string, resolution: 'hour' | 'day' = 'hour') => ({
    from: new Date(from),
    to: new Date(to),
    resolution,
  });
  const save = (...scores: NewRiskScore[]) =>
    sut().saveMany(scores.map((s) => ({ score: s, above: false })));

  beforeAll(async () => {
    await seedAssets(db(), ['h-1', 'h-2']);
    // Day 1: three rounds in 10:00-11:00 (the 10:40 one arrives last), one at 11:05; day 2: two hours.
    await save(
      score('h-1', '2026-03-01T10:00:00Z', 0.1),
      score('h-2', '2026-03-01T10:00:00Z', 0.9),
    );
    await save(score('h-1', '2026-03-01T10:50:00Z', 0.3));
    await save(score('h-1', '2026-03-01T10:40:00Z', 0.2));
    await save(score('h-1', '2026-03-01T11:05:00Z', 0.4));
    await save(score('h-1', '2026-03-02T08:00:00Z', 0.5));
    await save(score('h-1', '2026-03-02T23:30:00Z', 0.6));
  });

  it('keeps one point per asset and hour, the latest score of the hour, in one batch statement', async () => {
    const points = await sut().history(
      PROVIDER_SCOPE,
      'h-1',
      range('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z'),
    );
    expect(points.map((p) => [p.scoredAt, p.probability])).toEqual([
      ['2026-03-01T10:50:00.000Z', 0.3],
      ['2026-03-01T11:05:00.000Z', 0.4],
      ['2026-03-02T08:00:00.000Z', 0.5],
      ['2026-03-02T23:30:00.000Z', 0.6],
    ]);
    expect(points[0]).toMatchObject({ rul: 70, modelVersion: 'fd-v1@aaaaaaaaaaaa' });
  });

  it("answers each UTC day's last point at daily resolution, and the hours overlapping [from, to)", async () => {
    const daily = await sut().history(
      PROVIDER_SCOPE,
      'h-1',
      range('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z', 'day'),
    );
    expect(daily.map((p) => p.probability)).toEqual([0.4, 0.6]);
    const part = await sut().history(
      PROVIDER_SCOPE,
      'h-1',
      range('2026-03-01T11:05:00Z', '2026-03-02T23:30:00Z'),
    );
    // 10:00 ends before 11:05; 23:00's point (scored 23:30, at `to`) is in an hour that overlaps.
    expect(part.map((p) => p.probability)).toEqual([0.4, 0.5, 0.6]);
  });

  it("shows an asset's history only within its tenant or to a partner it is assigned to", async () => {
    const all = range('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z');
    expect(await sut().history(tenantScope('acme'), 'h-2', all)).toHaveLength(1);
    expect(await sut().history(tenantScope('globex'), 'h-2', all)).toEqual([]);
    const partner = (assetIds: string[]) => partnerScope('p-1', { orderIds: [], assetIds });
    expect(await sut().history(partner(['h-2']), 'h-2', all)).toHaveLength(1);
    expect(await sut().history(partner(['h-1']), 'h-2', all)).toEqual([]);
  });

  it('purges the hours before the cutoff, asset by asset in pages, and keeps the rest', async () => {
    const all = range('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z');
    const before = async (id: string) =>
      (await sut().history(PROVIDER_SCOPE, id, all)).map((p) => p.probability);
    expect([await before('h-1'), await before('h-2')]).toEqual([[0.3, 0.4, 0.5, 0.6], [0.9]]);
    // One asset per statement, so the paging runs past the first page; 11:00's hour is the cutoff.
    expect(await sut().purgeHistory(new Date('2026-03-01T11:00:00Z'), 1)).toBe(2);
    expect([await before('h-1'), await before('h-2')]).toEqual([[0.4, 0.5, 0.6], []]);
    expect(await sut().purgeHistory(new Date('2026-03-01T11:00:00Z'), 1)).toBe(0);
  });

  // Last: it replaces the table.
  it("seeds the history with each asset's live score when migration 72 runs", async () => {
    await db().query('drop table risk_score_history');
    await db().exec(riskScoreHistorySchema.sql);
    const all = range('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z');
    const seeded = await Promise.all(
      ['h-1', 'h-2'].map((id) => sut().history(PROVIDER_SCOPE, id, all)),
    );
    expect(seeded.map((points) => points.map((p) => [p.scoredAt, p.probability]))).toEqual([
      [['2026-03-02T23:30:00.000Z', 0.6]],
      [['2026-03-01T10:00:00.000Z', 0.9]],
    ]);
  });
});
