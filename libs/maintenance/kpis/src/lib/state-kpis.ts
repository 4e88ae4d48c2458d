import { HOUR_MS, type KpiPeriod, type StateSpan } from './kpi.types';

/** Outages less than this apart are one failure (uptime-billing spec section 8). */
export const OUTAGE_MERGE_MS = 10 * 60_000;

/** What the state intervals say about failures and uptime in a period. */
export interface StateFigures {
  /** RUN + STANDBY hours (SMRP operating time). */
  uptimeHours: number;
  /** RUN + STANDBY + FAULT hours: UNKNOWN time is left out of the required time (nobody knows if it was required). */
  requiredHours: number;
  failures: number;
  /** Hours from each failure's start to the next RUN/STANDBY; outages still open at the period end are left out. */
  downtimesHours: number[];
}

const isUp = (s: StateSpan['state']) => s === 'RUN' || s === 'STANDBY';

function clip(span: StateSpan, period: KpiPeriod): StateSpan | null {
  const start = Math.max(span.start, period.from);
  const end = Math.min(span.end, period.to);
  return end > start ? { ...span, start, end } : null;
}

/** Failures and downtimes of one asset from its clipped spans in time order. */
function assetFailures(spans: readonly StateSpan[]): { failures: number; downtimes: number[] } {
  let failures = 0;
  const downtimes: number[] = [];
  let lastUp: StateSpan | null = null;
  let outageStart: number | null = null;
  let recoveredAt: number | null = null;
  for (const span of spans) {
    if (isUp(span.state)) {
      if (outageStart !== null && recoveredAt === null) recoveredAt = span.start;
      lastUp = span;
      continue;
    }
    if (span.state !== 'FAULT' || lastUp === null || lastUp.end !== span.start) continue;
    if (
      outageStart !== null &&
      recoveredAt !== null &&
      span.start - recoveredAt < OUTAGE_MERGE_MS
    ) {
      recoveredAt = null;
      continue;
    }
    if (outageStart !== null && recoveredAt !== null) downtimes.push(recoveredAt - outageStart);
    failures++;
    outageStart = span.start;
    recoveredAt = null;
  }
  if (outageStart !== null && recoveredAt !== null) downtimes.push(recoveredAt - outageStart);
  return { failures, downtimes };
}

/**
 * Failures (transitions into FAULT from RUN/STANDBY, outages less than 10 min apart merged),
 * uptime, required time and downtimes of a fleet's state intervals within the period.
 */
export function stateFigures(spans: readonly StateSpan[], period: KpiPeriod): StateFigures {
  const byAsset = new Map<string, StateSpan[]>();
  let up = 0;
  let required = 0;
  for (const raw of spans) {
    const span = clip(raw, period);
    if (!span) continue;
    const length = span.end - span.start;
    if (isUp(span.state)) up += length;
    if (span.state !== 'UNKNOWN') required += length;
    const list = byAsset.get(span.assetId) ?? [];
    list.push(span);
    byAsset.set(span.assetId, list);
  }
  let failures = 0;
  const downtimesHours: number[] = [];
  for (const list of byAsset.values()) {
    const result = assetFailures(list.sort((a, b) => a.start - b.start));
    failures += result.failures;
    downtimesHours.push(...result.downtimes.map((ms) => ms / HOUR_MS));
  }
  return { uptimeHours: up / HOUR_MS, requiredHours: required / HOUR_MS, failures, downtimesHours };
}
