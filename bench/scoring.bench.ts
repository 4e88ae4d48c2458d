// npm run bench -- scoring [--assets 20000] [--history 60] [--rounds 5] [--batch 5000] [--cpu-prof]
// Continuous scoring end to end (new rows read from the embedded telemetry store, cached feature
// state extended, inference, scores written to SQL) against the same incremental work in memory
// (the like-for-like reference), inference alone on prepared vectors and the model's own predict
// on whole windows: same model, backend, process and run (see bench/README.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { RiskModel, selectBackend } from '@hourglass/risk-model';
import {
  AssetScoringService,
  EmbeddedWindowReader,
  defaultModel,
  listModels,
} from '@hourglass/risk-scoring';
import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { openTestDatabase } from '@hourglass/testing-sql';
import {
  progress,
  type BenchArgs,
  type BenchOptions,
  type BenchResult,
} from './support/bench-contract';
import { coresUsed } from './support/cpu-meter';
import { CpuProfiler } from './support/cpu-profile';
import { countProgress } from './support/phase-progress';
import { round } from './support/stats';
import {
  barePredictPass,
  preparedBatch,
  summariseBare,
  windowsPredictPass,
} from './scoring/bare-predict.reference';
import { CYCLE_MS, benchFleet, historyOf, seedFleet, writeRows } from './scoring/fleet-history';
import {
  IncrementalInMemoryReference,
  type IncrementalPass,
} from './scoring/incremental-memory.reference';
import { scoringResult, type RoundFigures } from './scoring/scoring-result';
import {
  PartTimes,
  TimedScoreRepository,
  timeFeatureCache,
  timedModel,
  timedReader,
} from './scoring/timed-parts';

const ROOT = resolve(__dirname, '..');

/** Flags of `npm run bench -- scoring` (`--help`). */
export const options: BenchOptions = {
  assets: 'assets scored each round (default 20,000)',
  history: 'cycles of history stored per asset before the rounds (default 60)',
  rounds: 'measured scoring rounds (default 5)',
  batch: 'assets per scoring batch (default 5,000)',
  'cpu-prof': 'profile the process during the measured rounds',
  'one-call': 'also time the whole fleet in one predict call, for the record',
};

export async function run(args: BenchArgs): Promise<BenchResult> {
  const settings = {
    assets: args.number('assets', 20_000),
    history: args.number('history', 60),
    rounds: Math.max(1, args.number('rounds', 5)),
    batchSize: args.number('batch', 5_000),
    cpuProf: args.boolean('cpu-prof'),
    oneCall: args.boolean('one-call'),
  };
  const busy = loadavg()[0] > cpus().length * 0.5;
  if (busy)
    progress(
      `warning: the machine is busy (load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores): figures will be low`,
    );
  progress(`settings ${JSON.stringify(settings)}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-scoring-'));
  const db = await openTestDatabase({ dataDir });
  try {
    const store = await EmbeddedTelemetryStore.open(db);
    const fleet = benchFleet(ROOT, settings.assets, settings.history, settings.rounds + 1);
    const start = Date.now() - (settings.history + settings.rounds + 2) * CYCLE_MS;
    await seedFleet(db, fleet);
    let t0 = performance.now();
    const seeding = countProgress('storing history', fleet.length, 'assets');
    const rows = await writeRows(db, store, fleet, start, () => 0, seeding);
    const loadSeconds = (performance.now() - t0) / 1000;
    progress(
      `stored ${rows} rows of history for ${fleet.length} assets in ${loadSeconds.toFixed(1)} s`,
    );

    const backend = await selectBackend();
    // The version the platform would serve: HG_MODEL_VERSION through the schema, else the newest.
    const pinned = loadPlatformConfig(process.env).HG_MODEL_VERSION;
    const entry = defaultModel(listModels(join(ROOT, 'models')), pinned);
    if (!entry) throw new Error('no model in models/ (npm run model:train)');
    const model = await RiskModel.load(entry.dir);
    progress(`model ${model.version} on the ${backend} backend (${model.featureCount} features)`);
    const times = new PartTimes();
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    const sut = new AssetScoringService(
      timedReader(new EmbeddedWindowReader(store), times),
      new TimedScoreRepository(db, times),
      metrics,
      {
        batchSize: settings.batchSize,
      },
    );
    const active = timedModel(model, times);

    const scoreRound = async (): Promise<RoundFigures> => {
      times.reset();
      const restore = timeFeatureCache(times);
      const cpu0 = process.cpuUsage();
      t0 = performance.now();
      const scored = await sut.scoreAll({ active }).finally(restore);
      const ms = performance.now() - t0;
      return {
        seconds: ms / 1000,
        scored: scored.length,
        cores: coresUsed(cpu0, process.cpuUsage(), ms),
        parts: times.snapshot(),
      };
    };
    progress('cold round: every window read in full (as after a restart)');
    const cold = await scoreRound();
    progress(
      `  ${cold.scored} scored in ${cold.seconds.toFixed(2)} s ${JSON.stringify(roundParts(cold.parts))}`,
    );
    // The reference runs beside every steady round, so both see the same machine load.
    const features = preparedBatch(model, fleet.map(historyOf));
    barePredictPass(
      model,
      features,
      Math.min(fleet.length, settings.batchSize),
      settings.batchSize,
    ); // warm-up
    const bareTimes: number[] = [
      barePredictPass(model, features, fleet.length, settings.batchSize),
    ];
    // Second reference: the model's own predict (preparation + inference) on in-memory windows.
    const windowTimes: number[] = [];
    const windowsPass = () =>
      windowTimes.push(windowsPredictPass(model, fleet.map(historyOf), settings.batchSize));
    // Like-for-like: the same feature state, extended by the same new rows, in memory.
    const incremental = new IncrementalInMemoryReference(model, fleet, start);
    const incrementalPasses: IncrementalPass[] = [];
    const steady: RoundFigures[] = [];
    const profiler = settings.cpuProf ? new CpuProfiler() : undefined;
    const roundsDone = countProgress('steady rounds', settings.rounds, 'rounds');
    for (let r = 0; r < settings.rounds; r++) {
      for (const a of fleet) a.written++;
      await writeRows(db, store, fleet, start, (a) => a.written - 1);
      if (r === settings.rounds - 1) await profiler?.start();
      const figures = await scoreRound();
      steady.push(figures);
      bareTimes.push(barePredictPass(model, features, fleet.length, settings.batchSize));
      windowsPass();
      const pass = incremental.pass(settings.batchSize);
      incrementalPasses.push(pass);
      roundsDone.update(r + 1);
      progress(
        `steady round ${r + 1}: ${figures.scored} scored in ${figures.seconds.toFixed(3)} s, ${figures.cores.toFixed(2)} cores ${JSON.stringify(roundParts(figures.parts))}; in memory ${pass.seconds.toFixed(3)} s (features ${pass.featuresSeconds.toFixed(3)}, inference ${pass.inferenceSeconds.toFixed(3)})`,
      );
    }
    const profile = profiler
      ? await profiler.stop(join(tmpdir(), `scoring-${Date.now()}.cpuprofile`))
      : undefined;
    if (profile)
      progress(
        `cpu profile: ${JSON.stringify(profile.byArea)}\n${profile.topFunctions.slice(0, 12).join('\n')}`,
      );

    const check = checkAgainstOffline(
      model,
      fleet,
      await latestRul(
        db,
        fleet.slice(0, 200).map((a) => a.id),
      ),
    );
    progress(
      `scores equal offline model.predict on the whole history: max |ΔRUL| ${check.maxAbsDiff} over ${check.compared} assets`,
    );
    const bare = summariseBare(fleet.length, settings.batchSize, bareTimes);
    const windows = summariseBare(fleet.length, settings.batchSize, windowTimes);
    // For the record: the whole fleet in one call (on WASM far slower per asset than 5,000-row calls).
    const oneCallSeconds = settings.oneCall
      ? barePredictPass(model, features, fleet.length, fleet.length)
      : null;
    progress(
      `bare predictFeatures on ${fleet.length} prepared feature vectors, ${settings.batchSize} per call, beside each round: median ${bare.medianSeconds.toFixed(3)} s, ${Math.round(bare.assetsPerSec)} assets/s`,
    );
    progress(
      `model.predict on ${fleet.length} in-memory windows (preparation + inference), beside each round: median ${windows.medianSeconds.toFixed(3)} s, ${Math.round(windows.assetsPerSec)} assets/s`,
    );
    model.dispose();
    return scoringResult({
      settings,
      setup: { loadSeconds, rows, backend, version: model.version, oneCallSeconds },
      cold,
      steady,
      bare,
      windows,
      incremental: incrementalPasses,
      check,
      profile,
      busyAtStart: busy,
    });
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function roundParts(parts: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round(v, 3)]));
}

async function latestRul(db: SqlDatabase, ids: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ asset_id: string; rul: number }>(
    'select asset_id, rul from risk_scores where asset_id = any($1::text[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.asset_id, Number(r.rul)]));
}

function checkAgainstOffline(
  model: RiskModel,
  fleet: ReturnType<typeof benchFleet>,
  stored: Map<string, number>,
) {
  const sample = fleet.slice(0, stored.size);
  const offline = model.predict(sample.map(historyOf));
  let maxAbsDiff = 0;
  sample.forEach(
    (a, i) =>
      (maxAbsDiff = Math.max(maxAbsDiff, Math.abs((stored.get(a.id) ?? NaN) - offline[i].rul))),
  );
  if (!Number.isFinite(maxAbsDiff)) throw new Error('an asset has no stored score');
  return { compared: sample.length, maxAbsDiff };
}
