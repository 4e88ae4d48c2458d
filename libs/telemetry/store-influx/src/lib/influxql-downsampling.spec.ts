import {
  aggregateSource,
  continuousQueryStatement,
  defaultShardGroupMs,
  downsampleStatement,
  influxDuration,
  parseInfluxDuration,
  parseInfluxMajorVersion,
  retentionPolicyStatement,
  type InfluxDownsamplingTarget,
} from './influxql-downsampling';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const target: InfluxDownsamplingTarget = {
  database: 'hourglass',
  rawRetentionPolicy: 'autogen',
  measurement: 'telemetry',
};

describe('InfluxQL downsampling', () => {
  it.each([
    [30 * DAY, '30d'],
    [1825 * DAY, '1825d'],
    [36 * HOUR, '36h'],
    [90_000, '90s'],
    [1500, '1500ms'],
    [Infinity, 'INF'],
  ])('writes %p ms as the duration %s', (ms, text) => {
    expect(influxDuration(ms)).toBe(text);
  });

  it('refuses durations InfluxQL cannot express', () => {
    expect(() => influxDuration(0)).toThrow(RangeError);
    expect(() => influxDuration(1.5)).toThrow(RangeError);
  });

  it.each([
    ['168h0m0s', 7 * DAY],
    ['1h0m0s', HOUR],
    ['8760h0m0s', 365 * DAY],
    ['1h30m0s', 1.5 * HOUR],
    ['0s', Infinity],
  ])('reads SHOW RETENTION POLICIES duration %s', (text, ms) => {
    expect(parseInfluxDuration(text)).toBe(ms);
  });

  it('picks shard group durations as InfluxDB does by default', () => {
    expect(
      [HOUR, 2 * DAY - 1, 2 * DAY, 180 * DAY, 181 * DAY, Infinity].map(defaultShardGroupMs),
    ).toEqual([HOUR, HOUR, DAY, DAY, 7 * DAY, 7 * DAY]);
  });

  it('creates a missing retention policy with its shard duration', () => {
    expect(retentionPolicyStatement('hourglass', 'rp_1m', 365 * DAY)).toBe(
      'CREATE RETENTION POLICY "rp_1m" ON "hourglass" DURATION 365d REPLICATION 1 SHARD DURATION 7d',
    );
  });

  it('alters an existing policy, touching its shard duration only when it must shrink', () => {
    const existing = {
      name: 'autogen',
      durationMs: Infinity,
      shardGroupMs: 7 * DAY,
      isDefault: true,
    };
    expect(retentionPolicyStatement('hourglass', 'autogen', 30 * DAY, existing)).toBe(
      'ALTER RETENTION POLICY "autogen" ON "hourglass" DURATION 30d',
    );
    expect(retentionPolicyStatement('hourglass', 'autogen', 3 * DAY, existing)).toBe(
      'ALTER RETENTION POLICY "autogen" ON "hourglass" DURATION 3d SHARD DURATION 1d',
    );
  });

  it('builds the continuous queries from the raw samples, per device and bucket', () => {
    expect(continuousQueryStatement(target, '1m')).toBe(
      'CREATE CONTINUOUS QUERY "cq_telemetry_1m" ON "hourglass" RESAMPLE FOR 2m BEGIN ' +
        'SELECT mean(*) INTO "hourglass"."rp_1m"."telemetry_1m" FROM "hourglass"."autogen"."telemetry" GROUP BY time(1m), * END',
    );
    expect(continuousQueryStatement(target, '1h')).toMatch(
      /^CREATE CONTINUOUS QUERY "cq_telemetry_1h" .* RESAMPLE FOR 2h .* INTO "hourglass"."rp_1h"."telemetry_1h" FROM "hourglass"."autogen"."telemetry" GROUP BY time\(1h\), \* END$/,
    );
  });

  it('widens an on-demand range to whole buckets', () => {
    const t = Date.UTC(2026, 0, 5, 10);
    expect(downsampleStatement(target, '1m', t + 1, t + 60_001)).toContain(
      `WHERE time >= ${t}ms AND time < ${t + 120_000}ms GROUP BY time(1m), *`,
    );
    expect(downsampleStatement(target, '1h', t + 1, t + HOUR)).toContain(
      `WHERE time >= ${t}ms AND time < ${t + HOUR}ms GROUP BY time(1h), *`,
    );
  });

  it('quotes names it did not choose', () => {
    expect(aggregateSource('my "db"', 'tele\\metry', '1h')).toBe(
      '"my \\"db\\""."rp_1h"."tele\\\\metry_1h"',
    );
  });

  it.each([
    ['1.6.7~rc0', 1],
    ['1.8.10', 1],
    ['v2.7.11', 2],
    ['2.7.4', 2],
    ['3.0.1', 3],
    ['', undefined],
    [undefined, undefined],
  ])('reads the major version of %p', (header, major) => {
    expect(parseInfluxMajorVersion(header)).toBe(major);
  });
});
