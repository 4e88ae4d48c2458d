import { toTelemetryRows } from './influxql-result';

describe(toTelemetryRows.name, () => {
  it('reads raw points with state and seq', () => {
    const result = {
      results: [
        {
          series: [
            {
              columns: ['time', 'device', 's2', 'seq', 'state'],
              values: [
                [1000, 'e-1', 1.5, 7, 'RUN'],
                [2000, 'e-1', null, null, 'STOP'],
              ],
            },
          ],
        },
      ],
    };
    expect(toTelemetryRows(result)).toEqual([
      { ts: 1000, seq: 7, state: 'RUN', metrics: { s2: 1.5 } },
      { ts: 2000, state: 'STOP', metrics: {} },
    ]);
  });

  it('gives aggregated fields back under the metric name and drops the mean of seq', () => {
    const result = {
      results: [
        {
          series: [
            {
              columns: ['time', 'device', 'mean_s2', 'mean_seq', 'mean_s3'],
              values: [[60_000, 'e-1', 29.5, 29.5, null]],
            },
          ],
        },
      ],
    };
    expect(toTelemetryRows(result, true)).toEqual([{ ts: 60_000, metrics: { s2: 29.5 } }]);
  });

  it('answers no rows for no series', () => {
    expect(toTelemetryRows({ results: [{}] })).toEqual([]);
  });
});
