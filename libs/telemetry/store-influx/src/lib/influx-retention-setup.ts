import { TelemetryStoreError, type TelemetryRetention } from '@hourglass/telemetry-store';
import {
  AGGREGATE_RETENTION_POLICIES,
  continuousQueryName,
  continuousQueryStatement,
  parseInfluxDuration,
  quoteIdent,
  retentionPolicyStatement,
  type InfluxAggregate,
  type InfluxDownsamplingTarget,
  type RetentionPolicyInfo,
} from './influxql-downsampling';
import { seriesRecords, type InfluxQlResult } from './influxql-result';

/** Runs InfluxQL on `/query`; statements that change something are sent with POST. */
export interface InfluxQlRunner {
  influxQl(q: string, options?: { write?: boolean }): Promise<InfluxQlResult>;
}

const AGGREGATES: readonly InfluxAggregate[] = ['1m', '1h'];

/** The retention policies of `database`; throws when the database does not exist. */
export async function listRetentionPolicies(
  runner: InfluxQlRunner,
  database: string,
): Promise<RetentionPolicyInfo[]> {
  const result = await runner.influxQl(`SHOW RETENTION POLICIES ON ${quoteIdent(database)}`);
  return seriesRecords(result).map((r) => ({
    name: String(r['name']),
    durationMs: parseInfluxDuration(String(r['duration'])),
    shardGroupMs: parseInfluxDuration(String(r['shardGroupDuration'])),
    isDefault: r['default'] === true,
  }));
}

/** The policy raw samples go to: the one the bucket names, else the database's default. */
export function rawRetentionPolicy(
  policies: readonly RetentionPolicyInfo[],
  named: string | undefined,
  database: string,
): string {
  const policy = named ? policies.find((p) => p.name === named) : policies.find((p) => p.isDefault);
  if (!policy) {
    const what = named ? `retention policy "${named}"` : 'a default retention policy';
    throw new TelemetryStoreError(`InfluxDB database "${database}" has no ${what}`, false);
  }
  return policy.name;
}

/**
 * Sets the raw policy's duration, creates or updates `rp_1m` and `rp_1h`, and (re)creates the
 * continuous queries. Idempotent: InfluxDB accepts an identical CREATE, and ALTER sets values.
 */
export async function applyRetentionSetup(
  runner: InfluxQlRunner,
  target: InfluxDownsamplingTarget,
  retention: TelemetryRetention,
  policies: readonly RetentionPolicyInfo[],
): Promise<void> {
  const byName = new Map(policies.map((p) => [p.name, p]));
  const wanted: Array<[string, number]> = [
    [target.rawRetentionPolicy, retention.rawMs],
    [AGGREGATE_RETENTION_POLICIES['1m'], retention.oneMinuteMs],
    [AGGREGATE_RETENTION_POLICIES['1h'], retention.oneHourMs],
  ];
  for (const [name, durationMs] of wanted) {
    await runner.influxQl(
      retentionPolicyStatement(target.database, name, durationMs, byName.get(name)),
      { write: true },
    );
  }
  for (const resolution of AGGREGATES) await createContinuousQuery(runner, target, resolution);
}

/** A continuous query cannot be altered: one with the same name and another text is dropped first. */
async function createContinuousQuery(
  runner: InfluxQlRunner,
  target: InfluxDownsamplingTarget,
  resolution: InfluxAggregate,
): Promise<void> {
  const create = continuousQueryStatement(target, resolution);
  try {
    await runner.influxQl(create, { write: true });
  } catch (error) {
    if (!(error instanceof TelemetryStoreError) || !/already exists/.test(error.message))
      throw error;
    const name = quoteIdent(continuousQueryName(target.measurement, resolution));
    await runner.influxQl(`DROP CONTINUOUS QUERY ${name} ON ${quoteIdent(target.database)}`, {
      write: true,
    });
    await runner.influxQl(create, { write: true });
  }
}
