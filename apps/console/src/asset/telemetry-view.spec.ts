import type { TelemetryRow } from '../api/types';
import {
  defaultMetrics,
  metricNames,
  telemetryPath,
  telemetryRows,
  toSeries,
} from './telemetry-view';

describe('telemetry view', () => {
  const rows: TelemetryRow[] = [
    { ts: 1, metrics: { cycle: 1, s10: 5, s2: 641 } },
    { ts: 2, metrics: { cycle: 2, s2: 642, setting1: 0.1 } },
  ];

  it('asks for the range ending now with the chosen metrics', () => {
    expect(telemetryPath('engine 1', '1d', 100_000_000, ['s2', 's3'])).toBe(
      '/api/assets/engine%201/telemetry?from=13600000&to=100000000&metrics=s2%2Cs3',
    );
    expect(telemetryPath('e', '1y', 40_000_000_000, [])).toBe(
      `/api/assets/e/telemetry?from=${40_000_000_000 - 365 * 24 * 3_600_000}&to=40000000000`,
    );
  });

  it('lists metric names naturally and prefers sensors for the first chart', () => {
    expect(metricNames(rows)).toEqual(['cycle', 's2', 's10', 'setting1']);
    expect(defaultMetrics(metricNames(rows), 1)).toEqual(['s2']);
    expect(defaultMetrics(['cycle', 'setting1'])).toEqual(['cycle', 'setting1']);
  });

  it('builds one series per metric, skipping rows without it', () => {
    expect(toSeries(rows, ['s10', 's2'])).toEqual([
      { name: 's10', points: [[1, 5]] },
      {
        name: 's2',
        points: [
          [1, 641],
          [2, 642],
        ],
      },
    ]);
  });

  it('keeps only the rows the chart can draw', () => {
    const items = [{ ts: 1, metrics: { s2: 1 } }, { ts: '2', metrics: {} }, { ts: 3 }];
    expect(telemetryRows(items)).toEqual([{ ts: 1, metrics: { s2: 1 } }]);
  });
});
