import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetRepository } from '@hourglass/devices-registry';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import type { HistoryRow } from '@hourglass/risk-features';
import { RiskModel, parseCmapss } from '@hourglass/risk-model';
import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { AssetScoringService } from './asset-scoring.service';
import { defaultModel, listModels } from './model-catalog';
import { seedAssets } from './model-deployment.fixture';
import { RiskScoreRepository } from './risk-score.repository';
import { EmbeddedWindowReader, StoreWindowReader } from './telemetry-window.reader';

const ROOT = join(__dirname, '../../../../..');

/**
 * Scoring round by round, with the feature state kept between rounds, must give exactly what the
 * model predicts offline on each unit's whole history at the same row, through unit replacements.
 */
describe(`${AssetScoringService.name} (incremental, the shipped model)`, () => {
  let db: SqlDatabase;
  let model: RiskModel;
  let store: EmbeddedTelemetryStore;
  const units = parseCmapss(readFileSync(join(ROOT, 'models/data/cmapss/train_FD001.txt'), 'utf8'));
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  /** a-1 runs unit 1 then unit 2 (a replacement); a-2 runs unit 3. */
  const plan: Record<string, HistoryRow[]> = {
    'a-1': [...units.get(1)!, ...units.get(2)!.slice(0, 60)],
    'a-2': units.get(3)!.slice(0, 150),
  };
  const written: Record<string, number> = { 'a-1': 0, 'a-2': 0 };

  beforeAll(async () => {
    db = await openTestDatabase();
    store = await EmbeddedTelemetryStore.open(db);
    model = await RiskModel.load(defaultModel(listModels(join(ROOT, 'models')))!.dir);
    await seedAssets(db, Object.keys(plan));
  }, 120_000);

  afterAll(async () => {
    model?.dispose();
    await db?.close();
  });

  /** Publishes the next `n` rows of every asset; returns each asset's history of its current unit. */
  async function publish(n: number): Promise<Record<string, HistoryRow[]>> {
    const current: Record<string, HistoryRow[]> = {};
    for (const [id, rows] of Object.entries(plan)) {
      const from = written[id];
      const to = Math.min(rows.length, from + n);
      await store.write(
        rows.slice(from, to).map((r, i) => ({
          deviceId: id,
          ts: t0 + (from + i) * 1000,
          metrics: { ...r.metrics, cycle: r.cycle },
        })),
      );
      written[id] = to;
      await db.query('update assets set last_seen = $2 where id = $1', [
        id,
        new Date(t0 + (to - 1) * 1000),
      ]);
      const done = rows.slice(0, to);
      let start = 0;
      for (let i = 1; i < done.length; i++) if (done[i].cycle < done[i - 1].cycle) start = i;
      current[id] = done.slice(start);
    }
    return current;
  }

  it('matches offline predictions on the whole history at every round, through a replacement', async () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    const sut = new AssetScoringService(
      new EmbeddedWindowReader(store),
      new RiskScoreRepository(db, new AssetRepository(db)),
      metrics,
      {},
      () => t0 + 10_000_000,
    );
    const full = new AssetScoringService(
      new StoreWindowReader(store),
      new RiskScoreRepository(db, new AssetRepository(db)),
      new MetricsRegistry({ defaultMetrics: false }),
      { incremental: false },
      () => t0 + 10_000_000,
    );
    let rounds = 0;
    let installs = 0;
    for (const step of [40, 1, 1, 7, 100, 3, 60, 1, 30]) {
      const histories = await publish(step);
      // Every third round scores without the cache, like a restarted or another replica would.
      const scored = await (rounds % 3 === 2 ? full : sut).scoreAll({ active: model });
      rounds++;
      installs += scored.filter((s) => s.installedAt !== undefined).length;
      const offline = model.predict(Object.values(histories));
      const expected = Object.keys(histories).map((id, i) => [id, offline[i].rul]);
      expect(scored.map((s) => [s.assetId, s.rul])).toEqual(
        expected.filter(([id]) => scored.some((s) => s.assetId === id)),
      );
      for (const s of scored)
        expect(s.rul).toBeCloseTo(offline[Object.keys(histories).indexOf(s.assetId)].rul, 4);
    }
    expect(rounds).toBe(9);
    expect(installs).toBe(3);
    // The cached path was taken: both units' feature state is held.
    expect(await metrics.render()).toMatch(/^hg_scoring_cached_units 2$/m);
  }, 120_000);
  it('waits for rows that were overtaken by newer ones, and rebuilds once they are given up', async () => {
    await seedAssets(db, ['gap-1']);
    const rows = units.get(4)!;
    let clock = t0;
    const sut = new AssetScoringService(
      new EmbeddedWindowReader(store),
      new RiskScoreRepository(db, new AssetRepository(db)),
      new MetricsRegistry({ defaultMetrics: false }),
      {},
      () => clock,
    );
    const write = async (from: number, to: number) => {
      await store.write(
        rows.slice(from, to).map((r, i) => ({
          deviceId: 'gap-1',
          ts: t0 + (from + i) * 1000,
          metrics: { ...r.metrics, cycle: r.cycle },
        })),
      );
      await db.query(
        `update assets set last_seen = greatest(last_seen, $1::timestamptz) where id = 'gap-1'`,
        [new Date(t0 + (to - 1) * 1000)],
      );
      clock = Math.max(clock, t0 + to * 1000);
    };
    const rulOf = async () =>
      (await sut.scoreAll({ active: model })).find((s) => s.assetId === 'gap-1')?.rul;
    await write(0, 10);
    expect(await rulOf()).toBe(model.predict([rows.slice(0, 10)])[0].rul);
    await write(13, 20);
    expect(await rulOf()).toBeUndefined();
    await write(10, 13);
    expect(await rulOf()).toBe(model.predict([rows.slice(0, 20)])[0].rul);
    await write(24, 26);
    expect(await rulOf()).toBeUndefined();
    clock += 31_000;
    expect(await rulOf()).toBe(
      model.predict([[...rows.slice(0, 20), ...rows.slice(24, 26)]])[0].rul,
    );
  }, 60_000);
  it('reads assets heard from recently even when their last_seen lags behind their rows', async () => {
    await seedAssets(db, ['lag-1']);
    const rows = units.get(5)!;
    let clock = t0 + 20_000;
    const write = (from: number, to: number) =>
      store.write(
        rows.slice(from, to).map((r, i) => ({
          deviceId: 'lag-1',
          ts: t0 + (from + i) * 1000,
          metrics: { ...r.metrics, cycle: r.cycle },
        })),
      );
    const round = (activeWindowMs: number) =>
      new AssetScoringService(
        new EmbeddedWindowReader(store),
        new RiskScoreRepository(db, new AssetRepository(db)),
        new MetricsRegistry({ defaultMetrics: false }),
        { activeWindowMs },
        () => clock,
      )
        .scoreAll({ active: model })
        .then((scored) => scored.find((s) => s.assetId === 'lag-1')?.rul);
    await write(0, 20);
    await db.query(`update assets set last_seen = $1 where id = 'lag-1'`, [new Date(t0 + 19_000)]);
    expect(await round(15_000)).toBe(model.predict([rows.slice(0, 20)])[0].rul);
    // Ten more rows, last_seen not updated yet: only the active window finds them.
    await write(20, 30);
    clock = t0 + 30_000;
    expect(await round(0)).toBeUndefined();
    expect(await round(15_000)).toBe(model.predict([rows.slice(0, 30)])[0].rul);
    // Heard from too long ago: not read again.
    await write(30, 31);
    clock = t0 + 60_000;
    expect(await round(15_000)).toBeUndefined();
  }, 60_000);

  it('scores the rows a fresh-assets source reports at once, however far last_seen lags behind', async () => {
    await seedAssets(db, ['fresh-1']);
    const rows = units.get(6)!;
    const clock = t0 + 600_000;
    const write = (from: number, to: number) =>
      store.write(
        rows.slice(from, to).map((r, i) => ({
          deviceId: 'fresh-1',
          ts: t0 + (from + i) * 1000,
          metrics: { ...r.metrics, cycle: r.cycle },
        })),
      );
    let pending = new Map<string, number>();
    const fresh = {
      take: async () => {
        const taken = pending;
        pending = new Map();
        return taken;
      },
    };
    // No active window: only last_seen and the fresh source tell the round of new rows.
    const sut = new AssetScoringService(
      new EmbeddedWindowReader(store),
      new RiskScoreRepository(db, new AssetRepository(db)),
      new MetricsRegistry({ defaultMetrics: false }),
      { activeWindowMs: 0, fresh },
      () => clock,
    );
    const round = () =>
      sut.scoreAll({ active: model }).then((s) => s.find((x) => x.assetId === 'fresh-1')?.rul);
    await write(0, 20);
    await db.query(`update assets set last_seen = $1 where id = 'fresh-1'`, [
      new Date(t0 + 19_000),
    ]);
    expect(await round()).toBe(model.predict([rows.slice(0, 20)])[0].rul);
    // The last rows of a device that then goes quiet; last_seen not written yet.
    await write(20, 25);
    expect(await round()).toBeUndefined();
    pending = new Map([['fresh-1', t0 + 24_000]]);
    expect(await round()).toBe(model.predict([rows.slice(0, 25)])[0].rul);
    expect(await round()).toBeUndefined(); // drained: nothing new
  }, 60_000);
});
