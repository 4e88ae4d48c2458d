/**
 * InfluxQL of retention and downsampling on InfluxDB 1.x, as pure builders.
 *
 * Layout, in the database of the store's bucket (`database/retention-policy`):
 * - raw samples: measurement `telemetry` in the bucket's retention policy (its duration = raw retention);
 * - 1-minute means: `rp_1m.telemetry_1m`; 1-hour means: `rp_1h.telemetry_1h`. Both keep the
 *   `device` tag and hold one field `mean_<field>` per numeric field of the raw points (what
 *   `SELECT mean(*)` names them), at the start of each bucket.
 */
import type { TelemetryResolution } from '@hourglass/telemetry-store';

/** An aggregate resolution. */
export type InfluxAggregate = Exclude<TelemetryResolution, 'raw'>;

/** Where the raw samples are and what the aggregates are named after. */
export interface InfluxDownsamplingTarget {
  database: string;
  /** The retention policy raw samples are written to: the bucket's, or the database's default. */
  rawRetentionPolicy: string;
  /** Raw measurement (default `telemetry`); aggregates are `<measurement>_1m` and `<measurement>_1h`. */
  measurement: string;
}

/** Retention policies of the aggregates. */
export const AGGREGATE_RETENTION_POLICIES: Readonly<Record<InfluxAggregate, string>> =
  Object.freeze({ '1m': 'rp_1m', '1h': 'rp_1h' });

/** `SELECT mean(*)` names each output field `mean_<field>`. */
export const AGGREGATE_FIELD_PREFIX = 'mean_';

const BUCKET_MS: Readonly<Record<InfluxAggregate, number>> = { '1m': 60_000, '1h': 3_600_000 };
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const quoteIdent = (name: string): string =>
  `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
export const quoteString = (value: string): string =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Name of the aggregate measurement. */
export function aggregateMeasurement(measurement: string, resolution: InfluxAggregate): string {
  return `${measurement}_${resolution}`;
}

/** Name of the continuous query filling `resolution` (`cq_telemetry_1m`). */
export function continuousQueryName(measurement: string, resolution: InfluxAggregate): string {
  return `cq_${measurement}_${resolution}`;
}

/** The fully qualified measurement of a resolution's means (`"hourglass"."rp_1m"."telemetry_1m"`). */
export function aggregateSource(
  database: string,
  measurement: string,
  resolution: InfluxAggregate,
): string {
  const rp = AGGREGATE_RETENTION_POLICIES[resolution];
  return [database, rp, aggregateMeasurement(measurement, resolution)].map(quoteIdent).join('.');
}

/** An InfluxQL duration literal in the largest exact unit (`30d`, `36h`), or `INF`. */
export function influxDuration(ms: number): string {
  if (ms === Infinity) return 'INF';
  if (!Number.isInteger(ms) || ms <= 0)
    throw new RangeError(`duration ${ms} ms is not a positive whole number of ms`);
  const units: Array<[string, number]> = [
    ['d', DAY_MS],
    ['h', HOUR_MS],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  const [unit, size] = units.find(([, size]) => ms % size === 0) as [string, number];
  return `${ms / size}${unit}`;
}

/** Parses the durations `SHOW RETENTION POLICIES` prints (`168h0m0s`, `1h0m0s`; `0s` = infinite). */
export function parseInfluxDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|µs|us|ns)/g)];
  const scale: Record<string, number> = {
    h: HOUR_MS,
    m: 60_000,
    s: 1000,
    ms: 1,
    µs: 1e-3,
    us: 1e-3,
    ns: 1e-6,
  };
  const ms = parts.reduce((sum, [, n, unit]) => sum + Number(n) * scale[unit], 0);
  return ms === 0 ? Infinity : ms;
}

/** The shard group duration InfluxDB picks itself for a retention of `ms`. */
export function defaultShardGroupMs(ms: number): number {
  if (ms < 2 * DAY_MS) return HOUR_MS;
  return ms <= 180 * DAY_MS ? DAY_MS : 7 * DAY_MS;
}

/** A retention policy as `SHOW RETENTION POLICIES` lists it. */
export interface RetentionPolicyInfo {
  name: string;
  durationMs: number;
  shardGroupMs: number;
  isDefault: boolean;
}

/**
 * Creates the policy, or sets the duration of the existing one. An existing shard group
 * duration is kept unless it is longer than the new duration, which InfluxDB refuses.
 */
export function retentionPolicyStatement(
  database: string,
  name: string,
  durationMs: number,
  existing?: RetentionPolicyInfo,
): string {
  const on = `${quoteIdent(name)} ON ${quoteIdent(database)} DURATION ${influxDuration(durationMs)}`;
  const shard = ` SHARD DURATION ${influxDuration(defaultShardGroupMs(durationMs))}`;
  if (!existing) return `CREATE RETENTION POLICY ${on} REPLICATION 1${shard}`;
  return `ALTER RETENTION POLICY ${on}${existing.shardGroupMs > durationMs ? shard : ''}`;
}

/**
 * `SELECT mean(*) INTO <aggregate> FROM <raw> [WHERE ...] GROUP BY time(<bucket>), *`: the mean of
 * every numeric field per device (`GROUP BY *` keeps the tags as tags). Both resolutions read the
 * raw samples: a mean of 1-minute means is not the hour's mean when minutes hold different
 * counts, and it would name the fields `mean_mean_<field>`. Raw is kept far longer than an hour.
 */
export function aggregateSelect(
  target: InfluxDownsamplingTarget,
  resolution: InfluxAggregate,
  where = '',
): string {
  const from = [target.database, target.rawRetentionPolicy, target.measurement]
    .map(quoteIdent)
    .join('.');
  return (
    `SELECT mean(*) INTO ${aggregateSource(target.database, target.measurement, resolution)} FROM ${from}` +
    `${where ? ` WHERE ${where}` : ''} GROUP BY time(${resolution}), *`
  );
}

/**
 * The continuous query keeping `resolution` up to date. It runs when each bucket ends and, with
 * RESAMPLE FOR two buckets, once more a bucket later, so samples arriving up to a bucket late
 * are counted (the rewrite replaces the point, it never adds to it).
 */
export function continuousQueryStatement(
  target: InfluxDownsamplingTarget,
  resolution: InfluxAggregate,
): string {
  const name = quoteIdent(continuousQueryName(target.measurement, resolution));
  const resample = influxDuration(2 * BUCKET_MS[resolution]);
  return (
    `CREATE CONTINUOUS QUERY ${name} ON ${quoteIdent(target.database)} RESAMPLE FOR ${resample} ` +
    `BEGIN ${aggregateSelect(target, resolution)} END`
  );
}

/**
 * What the continuous query does, on demand, for every bucket overlapping [fromMs, toMs): the
 * range is widened to whole buckets so none is written from part of its samples.
 */
export function downsampleStatement(
  target: InfluxDownsamplingTarget,
  resolution: InfluxAggregate,
  fromMs: number,
  toMs: number,
): string {
  const size = BUCKET_MS[resolution];
  const start = Math.floor(fromMs / size) * size;
  const end = Math.ceil(toMs / size) * size;
  return aggregateSelect(target, resolution, `time >= ${start}ms AND time < ${end}ms`);
}

/** The major version in a `X-Influxdb-Version` header (`1.6.7~rc0`, `v2.7.4`, `3.0.1`). */
export function parseInfluxMajorVersion(header: string | undefined): number | undefined {
  const match = /^v?(\d+)\./.exec(header?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}
