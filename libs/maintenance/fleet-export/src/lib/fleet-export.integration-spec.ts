import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TaskRepository } from '@hourglass/maintenance-tasks';
import { buildTrajectoryFeatures, featureCount, fitFeatureSpec } from '@hourglass/risk-features';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import {
  parseFailureLabels,
  parseTelemetryExport,
  splitUnitLives,
  varyingMetrics,
} from '@hourglass/risk-training';
import { EmbeddedTelemetryStore, type TelemetryStore } from '@hourglass/telemetry-store';
import { InfluxTelemetryStore } from '@hourglass/telemetry-store-influx';
import {
  startInfluxDb,
  startPostgres,
  type InfluxServer,
  type PostgresServer,
} from '@hourglass/testing-services';
import type { ExportFormat } from './export-files.writer';
import { FleetExportError } from './fleet-export-errors';
import { FleetExportService, type FleetExportProgress } from './fleet-export.service';
import { END, HOUR, T0, scenarioFailures, seedScenario } from './fleet-export.fixture';
import { FleetHistoryRepository } from './fleet-history.repository';

// The lives the seeded history splits into: [id, rows, how it ended].
const SEEDED_LIVES = [
  ['e-1#1', 40, 'failure'],
  ['e-1#2', 25, 'failure'],
  ['e-1#3', 10, 'censored'],
  ['e-2#1', 30, 'censored'],
  ['e-2#2', 20, 'censored'],
];

// The export read back by the reader `npm run model:train -- --telemetry --labels` uses, from the
// two set-ups the platform runs on: embedded (PGlite, the telemetry table) and servers (a real
// PostgreSQL and InfluxDB). One page is 7 rows, so every history spans pages.
describe(FleetExportService.name, () => {
  describe.each([
    ['embedded', 'jsonl'],
    ['influxdb', 'csv'],
  ] as const)('from the %s telemetry store as %s', (kind, format: ExportFormat) => {
    let db: SqlDatabase;
    let store: TelemetryStore;
    let influx: InfluxServer | undefined;
    let postgres: PostgresServer | undefined;
    let dir: string;
    let sut: FleetExportService;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-export-'));
      if (kind === 'influxdb') {
        // One after the other, so afterAll stops whichever started when the other fails.
        influx = await startInfluxDb();
        postgres = await startPostgres();
        db = await openTestDatabase({ databaseUrl: postgres.url });
        store = new InfluxTelemetryStore({
          url: influx.url,
          token: influx.token,
          org: influx.org,
          bucket: influx.bucket,
        });
      } else {
        db = await openTestDatabase();
        store = await EmbeddedTelemetryStore.open(db);
      }
      await seedScenario(db, store);
      sut = new FleetExportService(
        store,
        new FleetHistoryRepository(db),
        new TaskRepository(db),
        scenarioFailures,
      );
    }, 120_000);

    afterAll(async () => {
      await db?.close();
      await influx?.stop();
      await postgres?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('writes telemetry and labels that split into the lives that ran to failure', async () => {
      const progress: FleetExportProgress[] = [];
      const out = path.join(dir, 'acme');
      const summary = await sut.run({
        scope: tenantScope('acme'),
        type: 'turbofan',
        from: T0,
        to: END,
        format,
        outDir: out,
        pageSize: 7,
        onProgress: (p) => progress.push(p),
      });

      expect(summary).toMatchObject({
        assets: 2,
        points: 125,
        skippedRows: 3,
        labels: {
          failures: 1,
          replacements: 2,
          confirmedDefects: 1,
          overtakenTasks: 0,
          platformClosedTasks: 1,
        },
        files: {
          telemetry: path.join(out, `telemetry.${format}`),
          labels: path.join(out, `labels.${format}`),
        },
      });
      // After each 7-row page, and after each asset.
      expect(progress).toHaveLength(12 + 1 + 8 + 1);
      const finished = progress.filter((p, k) => p.assetsDone > (progress[k - 1]?.assetsDone ?? 0));
      expect(finished.map((p) => [p.asset, p.assetsDone, p.assetsTotal, p.points])).toEqual([
        ['e-1', 1, 2, 75],
        ['e-2', 2, 2, 125],
      ]);
      expect(progress[0]).toEqual({ asset: 'e-1', assetsDone: 0, assetsTotal: 2, points: 7 });
      expect(fs.readdirSync(out).sort()).toEqual([`labels.${format}`, `telemetry.${format}`]);

      const records = parseTelemetryExport(fs.readFileSync(summary.files.telemetry, 'utf8'));
      const labels = parseFailureLabels(fs.readFileSync(summary.files.labels, 'utf8'));
      expect(records).toHaveLength(125);
      expect(records[0]).toEqual({
        asset: 'e-1',
        ts: T0,
        metrics: { cycle: 1, s2: 640, s3: 1590.5 },
      });
      expect(labels).toEqual([
        { asset: 'e-1', ts: T0 + 40 * HOUR, kind: 'failure' },
        { asset: 'e-1', ts: T0 + 67.5 * HOUR, kind: 'replacement', confirmedDefect: true },
        { asset: 'e-2', ts: T0 + 30.5 * HOUR, kind: 'replacement', confirmedDefect: false },
      ]);
      const lives = splitUnitLives(records, labels);
      expect(lives.map((l) => [l.id, l.rows.length, l.end])).toEqual(SEEDED_LIVES);
      // Each life starts at the unit's first cycle: the cut is where the platform saw the unit change.
      expect(lives.map((l) => l.rows[0].metrics['cycle'])).toEqual([1, 1, 1, 1, 1]);
      expect(lives[1].rows[24].metrics).toEqual({ cycle: 25, s2: 646, s3: 1587.5 });
      expect(varyingMetrics(lives)).toEqual(['cycle', 's2', 's3']);
      // What training does next with the lives that ran to failure (short of fitting networks).
      const failed = lives.filter((l) => l.end === 'failure').map((l) => l.rows);
      const spec = fitFeatureSpec(failed, { sensors: ['s2', 's3'] });
      const features = failed.map((rows) => buildTrajectoryFeatures(rows, spec));
      expect(features.map((f) => f.length)).toEqual([40, 25].map((n) => n * featureCount(spec)));
      expect(features.every((f) => f.every(Number.isFinite))).toBe(true);
    });

    it('exports every tenant in the provider scope, and one asset when asked', async () => {
      const all = await sut.run({
        scope: PROVIDER_SCOPE,
        outDir: path.join(dir, 'all'),
        format,
        to: END,
      });
      // e-1 once, x-1 once, p-1 three times (its corrected state events).
      expect(all).toMatchObject({ assets: 4, points: 145, labels: { failures: 5 } });
      const one = await sut.run({
        scope: PROVIDER_SCOPE,
        assets: ['e-2'],
        outDir: path.join(dir, 'one'),
        format,
        to: END,
      });
      expect(one).toMatchObject({
        assets: 1,
        points: 50,
        labels: { failures: 0, replacements: 1 },
      });
    });

    it('refuses an asset outside the tenant, and an empty range, leaving no files', async () => {
      const outDir = path.join(dir, 'refused');
      const unknown = await sut
        .run({ scope: tenantScope('acme'), assets: ['e-1', 'x-1', 'nope'], outDir, format })
        .catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(FleetExportError);
      expect(unknown).toMatchObject({
        code: 'UNKNOWN_ASSET',
        message: 'unknown assets of tenant acme: x-1, nope',
      });
      const empty = await sut
        .run({ scope: PROVIDER_SCOPE, from: END, to: END + HOUR, outDir, format })
        .catch((e: unknown) => e);
      expect(empty).toMatchObject({ code: 'EMPTY_RANGE' });
      expect((empty as Error).message).toMatch(
        /no telemetry for 4 assets between 2025-01-14T08:00:00.000Z and .* at raw resolution; raw telemetry is kept 30 days/,
      );
      expect(fs.readdirSync(outDir)).toEqual([]);
    });
  });

  describe('at 1-hour resolution (raw samples past retention)', () => {
    let db: SqlDatabase;
    let dir: string;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-export-1h-'));
      db = await openTestDatabase();
      const store = await EmbeddedTelemetryStore.open(db);
      await seedScenario(db, store);
      await store.downsample(END);
      // Retention has removed the raw samples: only the 1-minute and 1-hour means are left.
      await db.query('delete from telemetry');
    }, 60_000);

    afterAll(async () => {
      await db?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('exports the hourly means, cut into the same lives', async () => {
      const store = await EmbeddedTelemetryStore.open(db);
      const sut = new FleetExportService(
        store,
        new FleetHistoryRepository(db),
        new TaskRepository(db),
        scenarioFailures,
      );
      const options = { scope: tenantScope('acme'), type: 'turbofan', from: T0, to: END };
      const raw = await sut.run({ ...options, outDir: dir }).catch((e: unknown) => e);
      expect(raw).toMatchObject({ code: 'EMPTY_RANGE' });
      const summary = await sut.run({ ...options, outDir: dir, resolution: '1h' });
      expect(summary).toMatchObject({ points: 125, resolution: '1h' });
      const lives = splitUnitLives(
        parseTelemetryExport(fs.readFileSync(summary.files.telemetry, 'utf8')),
        parseFailureLabels(fs.readFileSync(summary.files.labels, 'utf8')),
      );
      expect(lives.map((l) => [l.id, l.rows.length, l.end])).toEqual(SEEDED_LIVES);
      expect(lives[1].rows[24].metrics).toEqual({ cycle: 25, s2: 646, s3: 1587.5 });
    });
  });
});
