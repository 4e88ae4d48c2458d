/**
 * The SQL of the embedded telemetry store, as pure builders (PostgreSQL 13+ and PGlite).
 *
 * Tables: `telemetry` (raw samples), `telemetry_1m` and `telemetry_1h` (per device and bucket:
 * the mean of each metric, how many samples carried it, and how many samples there were), and
 * `telemetry_rollup_pending`, the buckets that received samples since they were last rolled up.
 * A write marks its minutes pending in the same statement, so nothing can be written without
 * being rolled up later, however late it arrives.
 */

/** The aggregate resolutions, with their tables and bucket widths. */
export type AggregateResolution = '1m' | '1h';

export const AGGREGATE_TABLES: Readonly<Record<AggregateResolution, string>> = Object.freeze({
  '1m': 'telemetry_1m',
  '1h': 'telemetry_1h',
});

/** Buckets that received samples since they were last rolled up. */
export const PENDING_TABLE = 'telemetry_rollup_pending';

const BUCKET_SECONDS: Readonly<Record<AggregateResolution, number>> = { '1m': 60, '1h': 3600 };

/**
 * Start of the `seconds`-wide bucket holding `column`, counted from the Unix epoch. Not
 * date_trunc: that truncates in the session's time zone, and hours of a +05:30 zone are not UTC hours.
 */
export function bucketStart(column: string, seconds: number): string {
  return `to_timestamp((floor(extract(epoch from ${column}) / ${seconds}) * ${seconds})::float8)`;
}

function aggregateTable(name: string): string {
  return `create table if not exists ${name} (
    device_id text not null, bucket timestamptz not null, metrics jsonb not null,
    counts jsonb not null, samples integer not null, primary key (device_id, bucket))`;
}

/** Statements creating every table; idempotent. */
export const SCHEMA_STATEMENTS: readonly string[] = Object.freeze([
  `create table if not exists telemetry (
    device_id text not null, ts timestamptz not null, seq bigint, state text,
    metrics jsonb not null, primary key (device_id, ts))`,
  aggregateTable(AGGREGATE_TABLES['1m']),
  aggregateTable(AGGREGATE_TABLES['1h']),
  // Keyed by bucket first: the rollup takes every pending bucket before a time.
  `create table if not exists telemetry_rollup_pending (
    resolution text not null, bucket timestamptz not null, device_id text not null,
    primary key (resolution, bucket, device_id))`,
]);

/** Marks the minute of every stored sample pending: for data written before the rollup existed. */
export const SEED_PENDING_STATEMENT = `insert into telemetry_rollup_pending (resolution, bucket, device_id)
  select distinct '1m', ${bucketStart('ts', 60)}, device_id from telemetry
  on conflict do nothing`;

/**
 * Upserts samples ($1..$5: device ids, ISO times, seqs, states, metrics JSON) and marks their
 * minutes pending. An existing marker is touched (a no-op update), not skipped: that locks it
 * until this write commits, so a rollup taking the marker meanwhile waits for these rows and
 * then sees them (see TAKE_DUE_STATEMENT). Markers go in key order, as the rollup takes them,
 * which keeps the two from deadlocking.
 */
export const WRITE_STATEMENT = `with written as (
    insert into telemetry (device_id, ts, seq, state, metrics)
    select d, t, s, st, m::jsonb
    from unnest($1::text[], $2::timestamptz[], $3::bigint[], $4::text[], $5::text[]) as u(d, t, s, st, m)
    on conflict (device_id, ts) do update
      set seq = excluded.seq, state = excluded.state, metrics = telemetry.metrics || excluded.metrics
    returning device_id, ts)
  insert into telemetry_rollup_pending (resolution, bucket, device_id)
  select '1m', bucket, device_id
  from (select distinct ${bucketStart('ts', 60)} as bucket, device_id from written) minutes
  order by bucket, device_id
  on conflict (resolution, bucket, device_id) do update set device_id = excluded.device_id`;

/**
 * Takes (deletes and returns) at most $3 pending buckets of resolution $1 starting at or before
 * $2, oldest first. Run in the same transaction as the rollup, but as its own statement: the
 * rollup's snapshot is then taken after every write that held one of these markers has
 * committed. By ctid, in primary key order, so neither the choice nor the delete scans the table
 * (without statistics the planner does, and a backlog of many chunks then takes quadratic time).
 */
export const TAKE_DUE_STATEMENT = `delete from telemetry_rollup_pending
  where ctid = any(array(
    select ctid from telemetry_rollup_pending
    where resolution = $1 and bucket <= $2 order by resolution, bucket, device_id limit $3))
  returning device_id, bucket`;

/** The buckets taken by TAKE_DUE_STATEMENT, passed back as $1 (device ids) and $2 (bucket starts). */
const DUE = `due as (select * from unnest($1::text[], $2::timestamptz[]) as u(device_id, bucket))`;

/**
 * Writes the rolled-up buckets and returns them. A bucket older than $3, the retention cutoff of
 * its source, keeps the aggregate it has: its source rows may already be partly deleted, and
 * recomputing from what is left would replace a full mean with a partial one.
 */
function upsert(resolution: AggregateResolution): string {
  const table = AGGREGATE_TABLES[resolution];
  return `upserted as (
    insert into ${table} (device_id, bucket, metrics, counts, samples)
    select s.device_id, s.bucket,
      coalesce(jsonb_object_agg(p.key, p.mean) filter (where p.key is not null), '{}'::jsonb),
      coalesce(jsonb_object_agg(p.key, p.n) filter (where p.key is not null), '{}'::jsonb),
      s.n
    from sized s left join per_metric p on p.device_id = s.device_id and p.bucket = s.bucket
    group by s.device_id, s.bucket, s.n
    on conflict (device_id, bucket) do update
      set metrics = excluded.metrics, counts = excluded.counts, samples = excluded.samples
      where excluded.bucket >= $3
    returning device_id, bucket)`;
}

/**
 * Recomputes the given minutes ($1 device ids, $2 bucket starts) from the raw samples ($3: raw cutoff),
 * upserts it into `telemetry_1m`, marks its hour pending, and returns one row per bucket written.
 * Recomputing the whole bucket (never adding to it) is what makes a rerun harmless.
 */
export const ROLLUP_MINUTES_STATEMENT = `with ${DUE},
  source as (
    select d.device_id, d.bucket, t.metrics from due d join telemetry t
      on t.device_id = d.device_id and t.ts >= d.bucket and t.ts < d.bucket + interval '60 seconds'),
  per_metric as (
    select device_id, bucket, m.key, avg(m.value::float8) as mean, count(*) as n
    from source, jsonb_each(source.metrics) m where jsonb_typeof(m.value) = 'number'
    group by device_id, bucket, m.key),
  sized as (select device_id, bucket, count(*) as n from source group by device_id, bucket),
  ${upsert('1m')},
  marked as (
    insert into telemetry_rollup_pending (resolution, bucket, device_id)
    select '1h', bucket, device_id
    from (select distinct ${bucketStart('bucket', 3600)} as bucket, device_id from upserted) hours
    order by bucket, device_id
    on conflict (resolution, bucket, device_id) do update set device_id = excluded.device_id)
  select count(*)::integer as buckets from upserted`;

/**
 * Recomputes the given hours ($1 device ids, $2 bucket starts) from their minutes ($3: 1-minute cutoff):
 * each metric's mean weighted by how many samples carried it, so it equals the mean of the raw
 * samples (a plain mean of minute means would not when minutes hold different counts).
 */
export const ROLLUP_HOURS_STATEMENT = `with ${DUE},
  source as (
    select d.device_id, d.bucket, a.metrics, a.counts, a.samples from due d join telemetry_1m a
      on a.device_id = d.device_id and a.bucket >= d.bucket and a.bucket < d.bucket + interval '3600 seconds'),
  per_metric as (
    select device_id, bucket, c.key,
      sum((source.metrics ->> c.key)::float8 * c.value::float8) / sum(c.value::float8) as mean,
      sum(c.value::bigint) as n
    from source, jsonb_each(source.counts) c group by device_id, bucket, c.key),
  sized as (select device_id, bucket, sum(samples) as n from source group by device_id, bucket),
  ${upsert('1h')}
  select count(*)::integer as buckets from upserted`;

/**
 * Deletes at most $2 rows of `table` older than $1 and returns how many. The recursive part
 * walks the distinct devices through the primary key (a loose index scan) and each device's old
 * rows are a range of that index, found by their ctid. The inner LIMIT and ORDER BY keep the
 * planner from flattening that into one scan of the whole table, which it does otherwise when
 * it has no statistics (PGlite never analyzes by itself), every run, to delete a minute of rows.
 */
export function retentionDeleteStatement(table: string, timeColumn: 'ts' | 'bucket'): string {
  return `with recursive devices as (
      (select device_id from ${table} order by device_id limit 1)
      union all
      select (select t.device_id from ${table} t where t.device_id > d.device_id order by t.device_id limit 1)
      from devices d where d.device_id is not null),
    doomed as (
      select old.ctid from devices d cross join lateral (
        select t.ctid from ${table} t where t.device_id = d.device_id and t.${timeColumn} < $1
        order by t.${timeColumn} limit $2) old
      limit $2),
    deleted as (delete from ${table} where ctid = any(array(select ctid from doomed)) returning 1)
    select count(*)::integer as deleted_rows from deleted`;
}

/** Reads the buckets of one device ($1) starting in [$2, $3), at most $4, oldest or newest first. */
export function aggregateReadStatement(resolution: AggregateResolution, newest: boolean): string {
  return `select bucket as ts, metrics from ${AGGREGATE_TABLES[resolution]}
    where device_id = $1 and bucket >= $2 and bucket < $3
    order by bucket ${newest ? 'desc' : 'asc'} limit $4`;
}

/**
 * The newest $4 raw rows of many devices ($1 device ids, $2 exclusive start per device) before $3,
 * in one statement: a lateral index range scan per device. One JSON document for the whole batch:
 * the embedded database hands rows over one field at a time in JavaScript, JSON.parse takes the
 * document natively.
 */
export const RECENT_WINDOWS_STATEMENT = `select coalesce(json_agg(json_build_array(c.id, w.ms, w.state, w.metrics) order by c.n, w.ms), '[]') as list
  from unnest($1::text[], $2::timestamptz[]) with ordinality as c(id, after, n)
  cross join lateral (
    select (extract(epoch from t.ts) * 1000)::float8 as ms, t.state, t.metrics from telemetry t
    where t.device_id = c.id and t.ts > c.after and t.ts < $3::timestamptz
    order by t.ts desc limit $4) w`;

/** Bucket width in seconds, for callers computing cutoffs. */
export function bucketSeconds(resolution: AggregateResolution): number {
  return BUCKET_SECONDS[resolution];
}
