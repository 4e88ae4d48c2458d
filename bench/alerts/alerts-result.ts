// The alerts bench's result: decisions per second against the bare evaluation, query times, goals.
import type { BenchResult } from '../support/bench-contract';
import { round } from '../support/stats';
import type { DecisionRound } from './decision.phase';
import type { LoadedHistory } from './order-history.loader';
import type { OrderFiguresAb } from './order-figures.ab';
import type { StateFiguresAb } from './state-figures.ab';
import type { QueryTiming } from './query.phase';

/** Everything one run measured. */
export interface AlertsRun {
  settings: Record<string, unknown> & { assets: number };
  /** Null with `--skip queries`. */
  queries: {
    loaded: LoadedHistory;
    kpis: QueryTiming;
    forecasts: QueryTiming[];
    orderFigures: OrderFiguresAb;
    stateFigures: StateFiguresAb;
  } | null;
  decisions: { rounds: DecisionRound[]; raisedAssets: string[]; bareAssets: string[] };
  busyAtStart: boolean;
}

const QUERY_GOAL_SECONDS = 2;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The median of new / old over the interleaved pairs. */
const pairRatios = (ab: OrderFiguresAb) =>
  round(median(ab.afterStatementSeconds.map((s, i) => s / ab.beforeStatementSeconds[i])), 3);

const ratioOfPairs = (after: number[], before: number[]) =>
  round(median(after.map((s, i) => s / before[i])), 3);

export function alertsResult(run: AlertsRun): BenchResult {
  const { raisedAssets, bareAssets } = run.decisions;
  // The first round warms up both sides (JIT, the maps' first growth) and is kept out of the figures.
  const [warmUp, ...rounds] = run.decisions.rounds;
  const scores = sum(rounds.map((r) => r.scores));
  const oursPerSec = scores / sum(rounds.map((r) => r.oursSeconds));
  const barePerSec = scores / sum(rounds.map((r) => r.bareSeconds));
  // Every order ours raised is a decision of the bare evaluation; the bare decisions ours did not
  // raise are assets with an order open already (the database's one-open-order rule).
  const bare = new Set(bareAssets);
  const notInBare = raisedAssets.filter((a) => !bare.has(a));
  const q = run.queries;
  const slowestForecast = q ? Math.max(...q.forecasts.map((f) => f.medianSeconds)) : null;
  const vsBare = round(oursPerSec / barePerSec, 3);
  return {
    bench: 'alerts',
    figures: {
      decisionsPerSec: round(oursPerSec, 0),
      bareInMemoryDecisionsPerSec: round(barePerSec, 0),
      ordersRaised: raisedAssets.length,
      bareDecisions: bareAssets.length,
      kpiQuerySeconds: q ? round(q.kpis.medianSeconds, 3) : null,
      ...Object.fromEntries(
        (q?.forecasts ?? []).map((f) => [
          `forecast${/horizonDays=(\d+)/.exec(f.path)?.[1]}dQuerySeconds`,
          round(f.medianSeconds, 3),
        ]),
      ),
      orderFiguresBeforeSeconds: q ? round(median(q.orderFigures.beforeStatementSeconds), 3) : null,
      orderFiguresAfterSeconds: q ? round(median(q.orderFigures.afterStatementSeconds), 3) : null,
      kpiStateSideSeconds: q ? round(median(q.orderFigures.stateSideSeconds), 3) : null,
      // Interleaved: the state side from the events (before StateFiguresQuery) and in SQL, alone and
      // in the route's work without HTTP (KpiService.report).
      stateSideFromEventsSeconds: q ? round(median(q.stateFigures.eventsSeconds), 3) : null,
      stateSideSqlSeconds: q ? round(median(q.stateFigures.sqlSeconds), 3) : null,
      kpiReportFromEventsSeconds: q ? round(median(q.stateFigures.reportEventsSeconds), 3) : null,
      kpiReportSqlSeconds: q ? round(median(q.stateFigures.reportSqlSeconds), 3) : null,
      ordersInHistory: q ? q.loaded.orders : null,
      taskHistoryRows: q ? q.loaded.historyRows : null,
    },
    ratios: {
      vsBareInMemory: vsBare,
      // Per interleaved pair, new / old: the order figures statement after migrations 74 and 75.
      ...(q ? { orderFiguresAfterVsBefore: pairRatios(q.orderFigures) } : {}),
      // Per interleaved pair, SQL / events: the state side alone and the report.
      ...(q
        ? {
            stateSideSqlVsEvents: ratioOfPairs(
              q.stateFigures.sqlSeconds,
              q.stateFigures.eventsSeconds,
            ),
            kpiReportSqlVsEvents: ratioOfPairs(
              q.stateFigures.reportSqlSeconds,
              q.stateFigures.reportEventsSeconds,
            ),
          }
        : {}),
    },
    goals: {
      decisionsAtLeastHalfOfBare: vsBare !== null && vsBare >= 0.5,
      decisionsAtLeast100kPerSec: oursPerSec >= 100_000,
      ...(q && slowestForecast !== null
        ? {
            kpiQueryUnder2s: q.kpis.medianSeconds < QUERY_GOAL_SECONDS,
            forecastQueryUnder2s: slowestForecast < QUERY_GOAL_SECONDS,
            orderFiguresSameAnswerBothWays: q.orderFigures.answersEqual,
            stateFiguresSameBothWays: q.stateFigures.sameFigures,
          }
        : {}),
      raisedOrdersAreBareDecisions: notInBare.length === 0,
    },
    details: {
      settings: run.settings,
      loaded: q?.loaded ?? null,
      warmUpRound: warmUp,
      rounds,
      kpis: q?.kpis ?? null,
      orderFigures: q?.orderFigures ?? null,
      stateFigures: q?.stateFigures ?? null,
      forecasts: q?.forecasts ?? null,
      raisedNotDecidedByBare: notInBare.slice(0, 20),
      busyAtStart: run.busyAtStart,
    },
  };
}
