import type { InfluxServer } from '@hourglass/testing-services';
import { progress } from '../support/bench-contract';
import { countProgress } from '../support/phase-progress';
import { findPids } from '../support/proc-cpu';
import type { SeenSeqQuery } from './latency-probe';

/** Points of the telemetry measurement with a time at or after `sinceMs` (0: all of them). */
export async function countPoints(influx: InfluxServer, sinceMs: number): Promise<number> {
  const where = sinceMs > 0 ? ` WHERE time >= ${Math.floor(sinceMs)}ms` : '';
  const rows = await influx.query(`SELECT count(seq) FROM telemetry${where}`);
  return Number(rows[0]?.['count'] ?? 0);
}

/** When the points became queryable: the count reached and the time of the poll that last saw it grow. */
export interface Queryable {
  count: number;
  at: number;
  /** Mean time of one count query, ms (the end time is late by up to one poll). */
  queryMs: number;
}

/**
 * Counts the points written since `sinceMs` until `expected` are queryable, or until the count has
 * not grown for `stallMs` or `3 x stallMs` have passed (then whatever is missing is lost or stuck).
 */
export async function waitQueryable(
  influx: InfluxServer,
  sinceMs: number,
  expected: number,
  stallMs: number,
): Promise<Queryable> {
  const deadline = Date.now() + 3 * stallMs;
  let count = -1;
  let at = Date.now();
  let queries = 0;
  let queryMs = 0;
  const drained = countProgress('waiting for the points to be queryable', expected, 'points');
  for (;;) {
    const asked = Date.now();
    const now = await countPoints(influx, sinceMs);
    const answered = Date.now();
    queries++;
    queryMs += answered - asked;
    if (now > count) {
      count = now;
      at = answered;
      drained.update(Math.min(count, expected));
    }
    if (count >= expected) break;
    if (answered - at > stallMs || answered > deadline) {
      drained.finish();
      progress(`  gave up waiting: ${count} of ${expected} points queryable`);
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { count, at, queryMs: Math.round(queryMs / queries) };
}

/** The latency probe's query: every seq per sampled device since `sinceMs`. */
export function seenSeqQuery(influx: InfluxServer): SeenSeqQuery {
  return async (deviceIds, sinceMs) => {
    const pattern = deviceIds.map((id) => id.replace(/[.]/g, '\\.')).join('|');
    const rows = await influx.query(
      `SELECT seq FROM telemetry WHERE time >= ${Math.floor(sinceMs)}ms AND device =~ /^(${pattern})$/ GROUP BY device`,
    );
    const seen = new Map<string, number[]>();
    for (const r of rows) {
      const device = String(r['device']);
      seen.set(device, [...(seen.get(device) ?? []), Number(r['seq'])]);
    }
    return seen;
  };
}

/** The harness's influxd and v2 write shim processes, found by their command lines (for CPU figures). */
export function influxProcesses(influx: InfluxServer): Record<string, number[]> {
  const port = new URL(influx.v1Url).port;
  return {
    influxd: findPids('influxd', `${influx.dir}/influxdb.conf`),
    shim: findPids('influx-compat-shim.main.ts', ` ${port} `),
  };
}
