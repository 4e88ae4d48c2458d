import { pickResolution } from './telemetry-resolution';
import { resolveTelemetryRetention } from './telemetry-retention';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);

describe(pickResolution.name, () => {
  const sut = (spanMs: number, endsAgoMs = 0, options = {}) =>
    pickResolution(NOW - endsAgoMs - spanMs, NOW - endsAgoMs, { nowMs: NOW, ...options });

  it.each([
    ['an empty range', 0, 'raw'],
    ['the last hour', HOUR, 'raw'],
    ['exactly 6 h', 6 * HOUR, 'raw'],
    ['6 h and 1 ms', 6 * HOUR + 1, '1m'],
    ['a week', 7 * DAY, '1m'],
    ['exactly 14 days', 14 * DAY, '1m'],
    ['14 days and 1 ms', 14 * DAY + 1, '1h'],
    ['a year', 365 * DAY, '1h'],
    ['five years', 5 * 365 * DAY, '1h'],
  ])('picks by span: %s -> %s', (_what, span, expected) => {
    expect(sut(span)).toBe(expected);
  });

  it('skips raw for a short range that starts before raw retention, as raw samples there are gone', () => {
    expect(sut(HOUR, 30 * DAY - HOUR)).toBe('raw');
    expect(sut(HOUR, 30 * DAY - HOUR + 1)).toBe('1m');
    expect(sut(HOUR, 100 * DAY)).toBe('1m');
  });

  it('skips 1-minute means for a range that starts before their retention', () => {
    expect(sut(HOUR, 365 * DAY - HOUR)).toBe('1m');
    expect(sut(HOUR, 400 * DAY)).toBe('1h');
    expect(sut(7 * DAY, 365 * DAY)).toBe('1h');
  });

  it('answers 1h even when nothing reaches back that far', () => {
    expect(sut(HOUR, 10 * 365 * DAY)).toBe('1h');
  });

  it('follows the retention and thresholds it is given', () => {
    const retention = resolveTelemetryRetention({ rawMs: 2 * HOUR, oneMinuteMs: Infinity });
    expect(sut(HOUR, 2 * HOUR, { retention })).toBe('1m');
    expect(sut(HOUR, 1000 * DAY, { retention })).toBe('1m');
    expect(sut(2 * HOUR, 0, { maxRawSpanMs: HOUR })).toBe('1m');
    expect(sut(2 * DAY, 0, { maxOneMinuteSpanMs: DAY })).toBe('1h');
  });

  it('counts retention back from the current time, not from the end of the range', () => {
    const from = Date.UTC(2026, 0, 1);
    expect(pickResolution(from, from + HOUR, { nowMs: from + 2 * HOUR })).toBe('raw');
    expect(pickResolution(from, from + HOUR, { nowMs: from + 31 * DAY })).toBe('1m');
  });
});
