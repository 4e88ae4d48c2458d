import {
  DEFAULT_TELEMETRY_RETENTION,
  retentionOf,
  type TelemetryResolution,
  type TelemetryRetention,
} from './telemetry-retention';

/** Options of {@link pickResolution}. */
export interface PickResolutionOptions {
  /** The current time, epoch ms (default `Date.now()`); retention is counted back from it. */
  nowMs?: number;
  /** What the store keeps (default {@link DEFAULT_TELEMETRY_RETENTION}). */
  retention?: TelemetryRetention;
  /** Longest range answered with raw samples (default 6 h). */
  maxRawSpanMs?: number;
  /** Longest range answered with 1-minute means (default 14 days); longer ones get 1-hour means. */
  maxOneMinuteSpanMs?: number;
}

const ORDER: readonly TelemetryResolution[] = ['raw', '1m', '1h'];

/**
 * The resolution a chart of `[fromMs, toMs)` should read: raw up to 6 h, 1-minute means up to
 * 14 days, 1-hour means beyond, so a chart holds at most a few thousand points per series
 * whatever its range. A resolution whose retention no longer reaches back to `fromMs` is
 * skipped for the next coarser one (raw data of 40 days ago is gone; its 1-minute means are not).
 * Pure when `nowMs` is given.
 */
export function pickResolution(
  fromMs: number,
  toMs: number,
  options: PickResolutionOptions = {},
): TelemetryResolution {
  const nowMs = options.nowMs ?? Date.now();
  const retention = options.retention ?? DEFAULT_TELEMETRY_RETENTION;
  const span = Math.max(0, toMs - fromMs);
  const bySpan: TelemetryResolution =
    span <= (options.maxRawSpanMs ?? 6 * 3_600_000)
      ? 'raw'
      : span <= (options.maxOneMinuteSpanMs ?? 14 * 86_400_000)
        ? '1m'
        : '1h';
  for (const resolution of ORDER.slice(ORDER.indexOf(bySpan))) {
    if (fromMs >= nowMs - retentionOf(retention, resolution)) return resolution;
  }
  return '1h';
}
