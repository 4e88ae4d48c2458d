// The alerts bench's result: decisions per second against the bare evaluation, query times, goals.
import type { BenchResult } from '../support/bench-contract';
import { round } from '../support/stats';
import type { DecisionRound } from './decision.phase';
import type { LoadedHistory } from './order-history.loader';
import type { QueryTiming } from './query.phase';

/** Everything one run measured. */
export interface AlertsRun {
  settings: Record<string, unknown> & { assets: number };
  loaded: LoadedHistory;
  kpis: QueryTiming;
  forecasts: QueryTiming[];
  decisions: { rounds: DecisionRound[]; raisedAssets: string[]; bareAssets: string[] };
  busyAtStart: boolean;
}

const QUERY_GOAL_SECONDS = 2;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export function alertsResult(run: AlertsRun): BenchResult {
  const { rounds, raisedAssets, bareAssets } = run.decisions;
  const scores = sum(rounds.map((r) => r.scores));
  const oursPerSec = scores / sum(rounds.map((r) => r.oursSeconds));
  const barePerSec = scores / sum(rounds.map((r) => r.bareSeconds));
  // Every order ours raised is a decision of the bare evaluation; the bare decisions ours did not
  // raise are assets with an order open already (the database's one-open-order rule).
  const bare = new Set(bareAssets);
  const notInBare = raisedAssets.filter((a) => !bare.has(a));
  const slowestForecast = Math.max(...run.forecasts.map((f) => f.medianSeconds));
  const vsBare = round(oursPerSec / barePerSec, 3);
  return {
    bench: 'alerts',
    figures: {
      decisionsPerSec: round(oursPerSec, 0),
      bareInMemoryDecisionsPerSec: round(barePerSec, 0),
      ordersRaised: raisedAssets.length,
      bareDecisions: bareAssets.length,
      kpiQuerySeconds: round(run.kpis.medianSeconds, 3),
      ...Object.fromEntries(
        run.forecasts.map((f) => [
          `forecast${/horizonDays=(\d+)/.exec(f.path)?.[1]}dQuerySeconds`,
          round(f.medianSeconds, 3),
        ]),
      ),
      ordersInHistory: run.loaded.orders,
      taskHistoryRows: run.loaded.historyRows,
    },
    ratios: { vsBareInMemory: vsBare },
    goals: {
      decisionsAtLeastHalfOfBare: vsBare !== null && vsBare >= 0.5,
      decisionsAtLeast100kPerSec: oursPerSec >= 100_000,
      kpiQueryUnder2s: run.kpis.medianSeconds < QUERY_GOAL_SECONDS,
      forecastQueryUnder2s: slowestForecast < QUERY_GOAL_SECONDS,
      raisedOrdersAreBareDecisions: notInBare.length === 0,
    },
    details: {
      settings: run.settings,
      loaded: run.loaded,
      rounds: run.decisions.rounds,
      kpis: run.kpis,
      forecasts: run.forecasts,
      raisedNotDecidedByBare: notInBare.slice(0, 20),
      busyAtStart: run.busyAtStart,
    },
  };
}
