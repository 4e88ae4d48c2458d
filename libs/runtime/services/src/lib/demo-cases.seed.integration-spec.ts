import { FailureCodeRepository, TaskRepository } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { DEFAULT_TENANT_ID, PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  CaseLibraryService,
  CaseRepository,
  type AssetTelemetryPort,
} from '@hourglass/service-cases';
import {
  DEFAULT_CMAPSS_FILE,
  readCmapssFile,
  rowMetrics,
  type CmapssUnit,
} from '@hourglass/simulator-cmapss';
import { openTestDatabase } from '@hourglass/testing-sql';
import { caseLibrarySettings } from './case-library.settings';
import { seedDemoCases } from './demo-cases.seed';

const ENGINES = ['demo-engine-01', 'demo-engine-02'];
const SETTINGS = caseLibrarySettings({ HG_SIM_SPEED: 2 }, true);
const NOW = Date.parse('2026-12-08T01:00:00Z');

/**
 * Issue 15, "the demo": the case library's cold start. The fleet's seeded past gives the first live
 * order (demo unit 10 on demo-engine-01, raised 35 cycles before its failure) a suggestion with
 * problems and parts, on PGlite.
 */
describe(seedDemoCases.name, () => {
  let db: SqlDatabase;
  let units: CmapssUnit[];

  beforeAll(async () => {
    db = await openTestDatabase();
    units = await readCmapssFile(DEFAULT_CMAPSS_FILE);
  });
  afterAll(() => db.close());

  /** The first live order of the demo: its telemetry, one sample every half second before it. */
  async function firstLiveOrder() {
    const tasks = new TaskRepository(db);
    const live = units.find((u) => u.unit === 10)!;
    const rows = live.rows.slice(0, live.rows.length - 35);
    const order = await tasks.openIfNone({
      tenantId: DEFAULT_TENANT_ID,
      assetId: ENGINES[0],
      assetType: 'turbofan',
      component: 'hpc-module',
      priority: 'HIGH',
      predictedRul: 30,
      risk: 0.6,
      modelVersion: null,
      replaceBy: new Date(NOW + 60_000),
      source: 'RULE',
      sourceRef: 'first-live-order',
    });
    if (!order) throw new Error('the first live order was not raised');
    const raised = Date.parse(order.createdAt);
    const samples = rows.map((row, i) => ({
      ts: raised - (rows.length - i) * 500,
      metrics: rowMetrics(row),
    }));
    const telemetry: AssetTelemetryPort = {
      window: async (_, from, to, limit) =>
        samples.filter((s) => s.ts >= from && s.ts < to).slice(-limit),
      assetsOfType: async () => ENGINES,
    };
    const library = new CaseLibraryService(
      {
        cases: new CaseRepository(db),
        orders: tasks,
        codes: new FailureCodeRepository(db),
        telemetry,
      },
      SETTINGS,
    );
    return library.suggest(order);
  }

  it('gives the first demo order a suggestion with problems and parts from the seeded past', async () => {
    const seeded = await seedDemoCases(db, {
      deviceIds: ENGINES,
      units,
      speed: 2,
      caseLibrary: SETTINGS,
      nowMs: NOW,
    });

    const suggestion = await firstLiveOrder();
    expect(suggestion.problems.length).toBeGreaterThan(0);
    expect(suggestion.parts.length).toBeGreaterThan(0);
    expect(suggestion.casesConsidered).toBe(6);
    expect(seeded).toMatchObject({ seeded: true, cases: 6 });
    const cases = await new CaseRepository(db).list(PROVIDER_SCOPE, {}, { limit: 10 });
    expect(cases).toHaveLength(6);
    // Every past case has the pattern of the telemetry before its order: the wear moved something.
    expect(cases.every((c) => c.pattern.length > 0)).toBe(true);
  });

  it('seeds once: a restart finds the past and leaves it as it is', async () => {
    const again = await seedDemoCases(db, {
      deviceIds: ENGINES,
      units,
      speed: 2,
      caseLibrary: SETTINGS,
      nowMs: NOW + 3_600_000,
    });

    expect(again).toMatchObject({ seeded: false, cases: 0 });
    expect(await new CaseRepository(db).list(PROVIDER_SCOPE, {}, { limit: 10 })).toHaveLength(6);
  });
});
