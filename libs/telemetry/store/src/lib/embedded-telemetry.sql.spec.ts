import {
  AGGREGATE_TABLES,
  aggregateReadStatement,
  bucketStart,
  retentionDeleteStatement,
} from './embedded-telemetry.sql';

describe('embedded telemetry SQL', () => {
  it('buckets by epoch arithmetic, independent of the session time zone', () => {
    expect(bucketStart('ts', 3600)).toBe(
      'to_timestamp((floor(extract(epoch from ts) / 3600) * 3600)::float8)',
    );
    expect(bucketStart('ts', 60)).not.toMatch(/date_trunc/);
  });

  it('deletes past retention per device through the primary key', () => {
    const sql = retentionDeleteStatement('telemetry_1m', 'bucket');
    expect(sql).toMatch(/with recursive devices/);
    expect(sql).toMatch(
      /where t\.device_id = d\.device_id and t\.bucket < \$1\s+order by t\.bucket limit \$2\) old/,
    );
    expect(sql).toMatch(/delete from telemetry_1m where ctid = any/);
  });

  it('reads buckets of one resolution in either order', () => {
    expect(aggregateReadStatement('1h', false)).toMatch(
      new RegExp(`from ${AGGREGATE_TABLES['1h']}[\\s\\S]*order by bucket asc limit \\$4`),
    );
    expect(aggregateReadStatement('1m', true)).toMatch(
      /from telemetry_1m[\s\S]*order by bucket desc/,
    );
  });
});
