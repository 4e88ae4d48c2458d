// The KPI route's state side before and after StateFiguresQuery, on the bench's data, interleaved in
// one process: BillingStateSpanSource.figuresFromEvents (every state event of the period read as an
// object, normalised and folded in JavaScript: the route's state side on main before this change)
// against BillingStateSpanSource.figures (the figures computed in SQL), each alone and inside the
// route's work without HTTP (KpiService.report: the order figures and the state side in parallel).
// The order of the two alternates from pair to pair; the answers are compared.
import { loadavg } from 'node:os';
import { BillingStateSpanSource, TaskKpiOrderFigureSource } from '@hourglass/api-http';
import { KpiService, type FleetStateFigures } from '@hourglass/maintenance-kpis';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { progress } from '../support/bench-contract';

/** Seconds of each side per pair, the load average before each pair, and whether they agree. */
export interface StateFiguresAb {
  /** `figuresFromEvents`: the state events as objects through billing's engine (before). */
  eventsSeconds: number[];
  /** `figures`: `StateFiguresQuery` (after). */
  sqlSeconds: number[];
  /** `KpiService.report` with the events path as its state side (the route's work before). */
  reportEventsSeconds: number[];
  /** `KpiService.report` with the SQL path (the route's work after). */
  reportSqlSeconds: number[];
  loadAverages: number[];
  /** Failures and downtimes equal, times within 1e-9 of their size, in every pair. */
  sameFigures: boolean;
  /** The largest relative difference of uptime, required time and operating time per type. */
  maxRelativeDifference: number;
  figures: { uptimeHours: number; requiredHours: number; failures: number; downtimes: number };
}

const seconds = async <T>(work: () => Promise<T>) => {
  const t0 = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - t0) / 1000 };
};

/** The largest relative difference of the times, or Infinity when a count or downtime differs. */
function difference(a: FleetStateFigures, b: FleetStateFigures): number {
  if (
    a.state.failures !== b.state.failures ||
    JSON.stringify(a.state.downtimesHours) !== JSON.stringify(b.state.downtimesHours) ||
    a.operatingByType.size !== b.operatingByType.size
  )
    return Number.POSITIVE_INFINITY;
  const rel = (x: number, y: number) => (x === y ? 0 : Math.abs(x - y) / Math.max(x, y));
  let max = Math.max(
    rel(a.state.uptimeHours, b.state.uptimeHours),
    rel(a.state.requiredHours, b.state.requiredHours),
  );
  for (const [type, ms] of a.operatingByType)
    max = Math.max(max, rel(ms, b.operatingByType.get(type) ?? Number.NaN));
  return Number.isNaN(max) ? Number.POSITIVE_INFINITY : max;
}

/** `pairs` interleaved runs (after a warm-up pair) of both state sides over `[from, to)`, every tenant. */
export async function stateFiguresAb(
  db: SqlDatabase,
  from: string,
  to: string,
  pairs: number,
): Promise<StateFiguresAb> {
  const states = new BillingStateSpanSource(db);
  const orders = new TaskKpiOrderFigureSource(db);
  const period = { from: Date.parse(from), to: Date.parse(to) };
  const before = () => states.figuresFromEvents(PROVIDER_SCOPE, period);
  const after = () => states.figures(PROVIDER_SCOPE, period);
  const reportBefore = new KpiService({
    orders,
    states: { figures: (s, p, t) => states.figuresFromEvents(s, p, t) },
  });
  const reportAfter = new KpiService({ orders, states });
  const result: StateFiguresAb = {
    ...{ eventsSeconds: [], sqlSeconds: [], reportEventsSeconds: [], reportSqlSeconds: [] },
    loadAverages: [],
    sameFigures: true,
    maxRelativeDifference: 0,
    figures: { uptimeHours: 0, requiredHours: 0, failures: 0, downtimes: 0 },
  };
  for (let i = 0; i < pairs + 1; i++) {
    const load = loadavg()[0];
    const afterFirst = i % 2 === 1;
    const b1 = afterFirst ? null : await seconds(before);
    const a = await seconds(after);
    const b = b1 ?? (await seconds(before));
    const ra = afterFirst ? await seconds(() => reportAfter.report(PROVIDER_SCOPE, period)) : null;
    const rb = await seconds(() => reportBefore.report(PROVIDER_SCOPE, period));
    const r2 = ra ?? (await seconds(() => reportAfter.report(PROVIDER_SCOPE, period)));
    const diff = difference(a.value, b.value);
    const same =
      diff <= 1e-9 && JSON.stringify(r2.value.failures) === JSON.stringify(rb.value.failures);
    result.sameFigures &&= same;
    result.maxRelativeDifference = Math.max(result.maxRelativeDifference, diff);
    const s = b.value.state;
    result.figures = {
      uptimeHours: s.uptimeHours,
      requiredHours: s.requiredHours,
      failures: s.failures,
      downtimes: s.downtimesHours.length,
    };
    progress(
      `  state side ${i === 0 ? 'warm-up' : `pair ${i}`} (load ${load.toFixed(1)}, ${afterFirst ? 'SQL' : 'events'} first): ` +
        `events ${b.seconds.toFixed(2)} s, SQL ${a.seconds.toFixed(2)} s; report with events ${rb.seconds.toFixed(2)} s, ` +
        `with SQL ${r2.seconds.toFixed(2)} s; ${same ? 'same' : 'DIFFERENT'} (relative ${diff.toExponential(1)}) ${JSON.stringify(result.figures)}`,
    );
    if (i === 0) continue;
    result.eventsSeconds.push(b.seconds);
    result.sqlSeconds.push(a.seconds);
    result.reportEventsSeconds.push(rb.seconds);
    result.reportSqlSeconds.push(r2.seconds);
    result.loadAverages.push(load);
  }
  return result;
}
