import {
  DEFAULT_TELEMETRY_RETENTION,
  resolveTelemetryRetention,
  retentionOf,
} from './telemetry-retention';

const DAY = 86_400_000;

describe(resolveTelemetryRetention.name, () => {
  it('defaults to raw 30 days, 1-minute means 365 days, 1-hour means 5 × 365 days', () => {
    expect(resolveTelemetryRetention()).toEqual({
      rawMs: 30 * DAY,
      oneMinuteMs: 365 * DAY,
      oneHourMs: 1825 * DAY,
    });
    expect(resolveTelemetryRetention({})).toEqual(DEFAULT_TELEMETRY_RETENTION);
  });

  it('overrides only what is given, and accepts Infinity as forever', () => {
    expect(resolveTelemetryRetention({ rawMs: 7 * DAY, oneHourMs: Infinity })).toEqual({
      rawMs: 7 * DAY,
      oneMinuteMs: 365 * DAY,
      oneHourMs: Infinity,
    });
  });

  it.each([0, -1, 3_599_999, 3_600_000.5, Number.NaN])(
    'refuses %p ms, naming the setting',
    (value) => {
      expect(() => resolveTelemetryRetention({ oneMinuteMs: value })).toThrow(/oneMinuteMs/);
    },
  );

  it('maps each resolution to its setting', () => {
    const retention = resolveTelemetryRetention({
      rawMs: 2 * DAY,
      oneMinuteMs: 3 * DAY,
      oneHourMs: 4 * DAY,
    });
    expect(
      ['raw', '1m', '1h'].map((r) => retentionOf(retention, r as 'raw' | '1m' | '1h')),
    ).toEqual([2 * DAY, 3 * DAY, 4 * DAY]);
  });
});
