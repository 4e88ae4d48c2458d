// The scoring bench's result: figures, ratios over the three references, goals, and the breakdown
// of a steady round by part (see bench/README.md, `scoring`).
import type { BenchResult } from '../support/bench-contract';
import { round } from '../support/stats';
import type { BarePredictResult } from './bare-predict.reference';
import type { IncrementalPass } from './incremental-memory.reference';

/** One timed scoring round. */
export interface RoundFigures {
  seconds: number;
  scored: number;
  cores: number;
  /** Seconds per part: read, candidates, features, predict, write (see `PartTimes`). */
  parts: Record<string, number>;
}

/** Everything one run measured. */
export interface ScoringRun {
  settings: Record<string, unknown> & { assets: number };
  setup: Record<string, unknown>;
  cold: RoundFigures;
  steady: RoundFigures[];
  /** Inference alone on prepared vectors, beside each round. */
  bare: BarePredictResult;
  /** The model's own predict on whole in-memory windows, beside each round. */
  windows: BarePredictResult;
  /** The same incremental work in memory, beside each round. */
  incremental: IncrementalPass[];
  check: { compared: number; maxAbsDiff: number };
  profile: unknown;
  busyAtStart: boolean;
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Seconds per part of the median steady round (so they add up to it); `other` is its time outside every part. */
export function roundBreakdown(steady: readonly RoundFigures[]): Record<string, number> {
  const sorted = [...steady].sort((a, b) => a.seconds - b.seconds);
  const r = sorted[Math.floor(sorted.length / 2)];
  const part = (name: string) => r.parts[name] ?? 0;
  return {
    sqlCandidates: part('candidates'),
    sqlRead: part('read'),
    features: part('features'),
    inference: part('predict'),
    sqlWrite: part('write'),
    other: r.seconds - Object.values(r.parts).reduce((a, b) => a + b, 0),
  };
}

export function scoringResult(run: ScoringRun): BenchResult {
  const { settings, cold, steady, bare, windows } = run;
  if (steady.some((r) => r.scored !== settings.assets) || cold.scored !== settings.assets) {
    throw new Error(
      `a round scored fewer than ${settings.assets} assets: ${[cold, ...steady].map((r) => r.scored).join(', ')}`,
    );
  }
  const roundSeconds = median(steady.map((r) => r.seconds));
  const assetsPerSec = settings.assets / roundSeconds;
  const memorySeconds = median(run.incremental.map((p) => p.seconds));
  const memoryAssetsPerSec = settings.assets / memorySeconds;
  const parts = roundBreakdown(steady);
  const sqlSeconds = parts['sqlCandidates'] + parts['sqlRead'] + parts['sqlWrite'];
  const vsIncrementalInMemory = round(assetsPerSec / memoryAssetsPerSec, 3);
  const vsInferenceOnly = round(assetsPerSec / bare.assetsPerSec, 3);
  const vsWholeWindowsPredict = round(assetsPerSec / windows.assetsPerSec, 3);
  const breakdown = Object.fromEntries(
    Object.entries(parts).map(([k, v]) => [
      `round${k[0].toUpperCase()}${k.slice(1)}Seconds`,
      round(v, 3),
    ]),
  );
  return {
    bench: 'scoring',
    figures: {
      assetsPerSec: round(assetsPerSec, 0),
      incrementalInMemoryAssetsPerSec: round(memoryAssetsPerSec, 0),
      inferenceOnlyAssetsPerSec: round(bare.assetsPerSec, 0),
      wholeWindowsPredictAssetsPerSec: round(windows.assetsPerSec, 0),
      coldAssetsPerSec: round(settings.assets / cold.seconds, 0),
      roundSeconds: round(roundSeconds, 3),
      ...breakdown,
      incrementalInMemorySeconds: round(memorySeconds, 3),
      incrementalInMemoryFeaturesSeconds: round(
        median(run.incremental.map((p) => p.featuresSeconds)),
        3,
      ),
      incrementalInMemoryInferenceSeconds: round(
        median(run.incremental.map((p) => p.inferenceSeconds)),
        3,
      ),
      coresUsed: round(median(steady.map((r) => r.cores)), 2),
      // Per second of CPU this process got: the machine is shared, a round rarely has a whole core.
      assetsPerCpuSecond: round(median(steady.map((r) => r.scored / (r.seconds * r.cores))), 0),
      maxAbsRulDiffVsOffline: run.check.maxAbsDiff,
      rssMb: round(process.memoryUsage().rss / 2 ** 20, 0),
    },
    ratios: {
      // Like-for-like: the same incremental feature work and inference, without SQL.
      vsIncrementalInMemory,
      // The same, counting only the round's time outside SQL (what the store leaves to improve).
      computeVsIncrementalInMemory: round(memorySeconds / (roundSeconds - sqlSeconds), 3),
      // Stricter than the work done: inference alone on vectors prepared before the clock.
      vsInferenceOnly,
      // Looser than the work done: the model re-prepares every whole window on each pass.
      vsWholeWindowsPredict,
    },
    goals: {
      'vsIncrementalInMemory>=0.8': (vsIncrementalInMemory ?? 0) >= 0.8,
      'assetsPerSec>=10000': assetsPerSec >= 10_000,
    },
    details: { ...run, roundBreakdownSeconds: parts },
  };
}
