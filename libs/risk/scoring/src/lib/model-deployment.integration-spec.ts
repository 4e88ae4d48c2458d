import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetRepository } from '@hourglass/devices-registry';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { AssetScoringService } from './asset-scoring.service';
import { FakeModel, fakeRegistry, seedAssets } from './model-deployment.fixture';
import { ModelDeploymentError, ModelDeploymentRepository } from './model-deployment.repository';
import { ModelRegistryService } from './model-registry.service';
import { ModelSwitcher } from './model-switcher';
import { RiskScoreRepository } from './risk-score.repository';

const V1 = 'fd-v1@aaaaaaaaaaaa';
const V2 = 'fd-v2@bbbbbbbbbbbb';
const V3 = 'fd-v3@cccccccccccc';

forEachSqlBackend(ModelSwitcher.name, (db: () => SqlDatabase) => {
  const modelsDir = fakeRegistry([V1, V2, V3]);
  const loaded: FakeModel[] = [];
  const switcher = (pinned = 'fd-v1') =>
    new ModelSwitcher(
      modelsDir,
      new ModelDeploymentRepository(db()),
      async (entry) => {
        const model = new FakeModel(
          entry.version,
          entry.name === 'fd-v1' ? 100 : entry.name === 'fd-v2' ? 50 : 20,
        );
        loaded.push(model);
        return model;
      },
      new MetricsRegistry({ defaultMetrics: false }),
      { pinned },
    );
  const registry = () =>
    new ModelRegistryService(modelsDir, new ModelDeploymentRepository(db()), { pinned: 'fd-v1' });
  let now = Date.parse('2026-11-23T00:00:00Z');

  async function newTelemetry(ids: readonly string[], cycles: number): Promise<void> {
    const store = await EmbeddedTelemetryStore.open(db());
    const samples = ids.flatMap((deviceId) =>
      Array.from({ length: cycles }, (_, i) => ({
        deviceId,
        ts: now + i * 1000,
        metrics: { cycle: i + 1, s2: 640 + i },
      })),
    );
    await store.write(samples);
    await db().query('update assets set last_seen = $1', [new Date(now + (cycles - 1) * 1000)]);
    now += cycles * 1000;
  }

  const scoring = async () =>
    new AssetScoringService(
      await EmbeddedTelemetryStore.open(db()),
      new RiskScoreRepository(db(), new AssetRepository(db())),
      new MetricsRegistry({ defaultMetrics: false }),
      {},
      () => now,
    );

  beforeAll(async () => {
    await seedAssets(db(), ['a-1', 'a-2']);
  });

  it('serves the pinned default until a version is promoted', async () => {
    const sut = switcher();
    expect((await sut.refresh()).active.version).toBe(V1);
    expect((await registry().list()).items.filter((m) => m.active).map((m) => m.version)).toEqual([
      V1,
    ]);
    sut.dispose();
  });

  it('switches to a promoted version on the next refresh, disposing the old one, and survives a restart', async () => {
    const sut = switcher();
    const before = (await sut.refresh()).active as FakeModel;
    await registry().promote('fd-v2', 'alice');
    const after = await sut.refresh();
    expect(after.active.version).toBe(V2);
    expect(before.disposed).toBe(true);
    // A restarted (or another) replica reads the same row.
    const restarted = switcher();
    expect((await restarted.refresh()).active.version).toBe(V2);
    restarted.dispose();
    sut.dispose();
    const list = await registry().list();
    expect(list.items.find((m) => m.active)?.version).toBe(V2);
    expect(list.deployments.active).toMatchObject({
      name: 'fd-v2',
      version: V2,
      changedBy: 'alice',
    });
  });

  it('stores shadow scores apart; only the active scores are returned and stored as live', async () => {
    await registry().shadow(V3, 'bob');
    const sut = switcher();
    const models = await sut.refresh();
    expect(models.shadow?.version).toBe(V3);
    await newTelemetry(['a-1', 'a-2'], 10);
    const scored = await (await scoring()).scoreAll(models);
    expect(scored.map((s) => [s.assetId, s.modelVersion, s.rul])).toEqual([
      ['a-1', V2, 40],
      ['a-2', V2, 40],
    ]);
    const live = await db().query<{ model_version: string }>(
      'select model_version from risk_scores order by asset_id',
    );
    expect(live.map((r) => r.model_version)).toEqual([V2, V2]);
    const shadow = await new RiskScoreRepository(db(), new AssetRepository(db())).shadowScores(
      PROVIDER_SCOPE,
      V3,
    );
    expect(shadow.map((s) => [s.assetId, s.rul])).toEqual([
      ['a-1', 10],
      ['a-2', 10],
    ]);
    expect((await registry().list()).items.filter((m) => m.shadow).map((m) => m.version)).toEqual([
      V3,
    ]);
    await registry().clearShadow('bob');
    expect((await sut.refresh()).shadow).toBeNull();
    sut.dispose();
  });

  it("applies each asset type's threshold and horizon, counting consecutive scores above it", async () => {
    const sut = switcher();
    const models = await sut.refresh();
    const policy = (horizon: number) => () => ({ threshold: 0.5, horizon });
    await newTelemetry(['a-1', 'a-2'], 10);
    const near = await (await scoring()).scoreAll(models, policy(60));
    expect(near.map((s) => [s.probability, s.horizon, s.consecutiveAbove, s.assetType])).toEqual([
      [1, 60, 1, 'turbofan'],
      [1, 60, 1, 'turbofan'],
    ]);
    await newTelemetry(['a-1', 'a-2'], 10);
    expect(
      (await (await scoring()).scoreAll(models, policy(60))).map((s) => s.consecutiveAbove),
    ).toEqual([2, 2]);
    await newTelemetry(['a-1', 'a-2'], 10);
    expect(
      (await (await scoring()).scoreAll(models, policy(5))).map((s) => [
        s.probability,
        s.consecutiveAbove,
      ]),
    ).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(await (await scoring()).scoreAll(models)).toEqual([]);
    sut.dispose();
  });

  it('rolls back to the previously active version, one step per call, and audits every change', async () => {
    await registry().promote(V3, 'carol');
    expect((await registry().rollback('dave')).active?.version).toBe(V2);
    expect((await registry().rollback('dave')).active?.version).toBe(V1);
    await expect(registry().rollback('dave')).rejects.toMatchObject({ code: 'MODEL_CONFLICT' });
    const sut = switcher();
    expect((await sut.refresh()).active.version).toBe(V1);
    sut.dispose();
    const history = await registry().history();
    expect(
      history.slice(0, 3).map((h) => [h.action, h.from?.version, h.to?.version, h.actor]),
    ).toEqual([
      ['ROLLBACK', V2, V1, 'dave'],
      ['ROLLBACK', V3, V2, 'dave'],
      ['PROMOTE', V2, V3, 'carol'],
    ]);
    expect(history.at(-1)).toMatchObject({
      action: 'PROMOTE',
      from: { version: V1 },
      to: { version: V2 },
      actor: 'alice',
    });
  });

  it('refuses unknown versions and shadowing the active one', async () => {
    await expect(registry().promote('nope', 'x')).rejects.toBeInstanceOf(ModelDeploymentError);
    await expect(registry().promote('nope', 'x')).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
    });
    await expect(registry().shadow(V1, 'x')).rejects.toMatchObject({ code: 'MODEL_CONFLICT' });
    await expect(registry().clearShadow('x')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it("returns a version's stored evaluation report, and 404s a version without one", async () => {
    const report = { backtest: { byThreshold: [{ threshold: 0.5, falseWarnings: 2 }] } };
    writeFileSync(join(modelsDir, 'fd-v3', 'evaluation.json'), JSON.stringify(report));
    expect(registry().evaluation(V3)).toEqual(report);
    expect(registry().evaluation('fd-v3')).toEqual(report);
    expect(() => registry().evaluation('fd-v2')).toThrow(
      expect.objectContaining({ code: 'MODEL_NOT_FOUND' }),
    );
  });

  it('keeps serving the loaded version when a promoted one cannot be loaded', async () => {
    const failing = new ModelSwitcher(
      modelsDir,
      new ModelDeploymentRepository(db()),
      async (entry) => {
        if (entry.name === 'fd-v2') throw new Error('corrupt');
        return new FakeModel(entry.version, 100);
      },
      new MetricsRegistry({ defaultMetrics: false }),
      { pinned: 'fd-v1' },
    );
    expect((await failing.refresh()).active.version).toBe(V1);
    await registry().promote(V2, 'erin');
    expect((await failing.refresh()).active.version).toBe(V1);
    failing.dispose();
  });
});
