/** Runs InfluxQL against the test's database (e.g. `InfluxServer.query`). */
export type InfluxQl = (influxql: string) => Promise<Array<Record<string, unknown>>>;

/** What InfluxDB holds for one device. */
export interface StoredPoints {
  /** Points (distinct timestamps: a redelivered message overwrites its point). */
  points: number;
  /** Distinct `seq` values. */
  distinctSeq: number;
  minSeq: number;
  maxSeq: number;
}

/** Per device whose id starts with `prefix`: points and seq range in measurement `telemetry`. */
export async function storedPoints(
  query: InfluxQl,
  prefix: string,
): Promise<Map<string, StoredPoints>> {
  const where = `where "device" =~ /^${prefix.replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c}`)}/`;
  const [ranges, distinct] = await Promise.all([
    query(
      `select count("seq") as n, min("seq") as lo, max("seq") as hi from "telemetry" ${where} group by "device"`,
    ),
    query(`select count(distinct("seq")) as d from "telemetry" ${where} group by "device"`),
  ]);
  const distinctOf = new Map(distinct.map((row) => [String(row['device']), Number(row['d'])]));
  return new Map(
    ranges.map((row) => {
      const device = String(row['device']);
      return [
        device,
        {
          points: Number(row['n']),
          distinctSeq: distinctOf.get(device) ?? 0,
          minSeq: Number(row['lo']),
          maxSeq: Number(row['hi']),
        },
      ];
    }),
  );
}

/** Total points over every device of `stored`. */
export function totalPoints(stored: ReadonlyMap<string, StoredPoints>): number {
  let sum = 0;
  for (const s of stored.values()) sum += s.points;
  return sum;
}

/**
 * Differences between what each device published (seq 0 .. n-1, broker-acknowledged) and what
 * InfluxDB holds: one line per device that lost, gained or duplicated points. Empty = no loss,
 * no gap, no duplicate point.
 */
export function lossReport(
  published: ReadonlyMap<string, number>,
  stored: ReadonlyMap<string, StoredPoints>,
): string[] {
  const problems: string[] = [];
  for (const [device, n] of published) {
    const s = stored.get(device);
    if (n === 0 && !s) continue;
    if (!s) {
      problems.push(`${device}: published ${n}, stored none`);
      continue;
    }
    if (s.points !== n || s.distinctSeq !== n || s.minSeq !== 0 || s.maxSeq !== n - 1) {
      problems.push(
        `${device}: published seq 0..${n - 1} (${n}), stored ${s.points} points, ` +
          `${s.distinctSeq} distinct seq in ${s.minSeq}..${s.maxSeq}`,
      );
    }
  }
  for (const device of stored.keys()) {
    if (!published.has(device)) problems.push(`${device}: stored but never published`);
  }
  return problems;
}

/**
 * The sequence numbers each device published (0 .. n-1, broker-acknowledged) that InfluxDB lacks,
 * as ranges (`"12-15"`, `"40"`), for the devices that lack any: what a loss report names.
 */
export async function sequenceGaps(
  query: InfluxQl,
  published: ReadonlyMap<string, number>,
  stored: ReadonlyMap<string, StoredPoints>,
): Promise<Record<string, string[]>> {
  const gaps: Record<string, string[]> = {};
  for (const [device, n] of published) {
    if ((stored.get(device)?.distinctSeq ?? 0) >= n) continue;
    const rows = await query(
      `select "seq" from "telemetry" where "device" = '${device.replace(/'/g, "\\'")}'`,
    );
    const seen = new Set(rows.map((row) => Number(row['seq'])));
    gaps[device] = missingRanges(seen, n);
  }
  return gaps;
}

function missingRanges(seen: ReadonlySet<number>, n: number): string[] {
  const ranges: string[] = [];
  for (let seq = 0; seq < n; seq++) {
    if (seen.has(seq)) continue;
    const from = seq;
    while (seq + 1 < n && !seen.has(seq + 1)) seq++;
    ranges.push(from === seq ? String(from) : `${from}-${seq}`);
  }
  return ranges;
}
