/** The resolutions telemetry is kept at: raw samples, 1-minute and 1-hour means. */
export type TelemetryResolution = 'raw' | '1m' | '1h';

/** Every {@link TelemetryResolution}, finest first. */
export const TELEMETRY_RESOLUTIONS: readonly TelemetryResolution[] = Object.freeze([
  'raw',
  '1m',
  '1h',
]);

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Width of the buckets of each aggregate resolution, in ms. */
export const TELEMETRY_BUCKET_MS: Readonly<Record<Exclude<TelemetryResolution, 'raw'>, number>> =
  Object.freeze({
    '1m': MINUTE_MS,
    '1h': HOUR_MS,
  });

/**
 * How long each resolution is kept, in ms. `Infinity` keeps it forever. Both telemetry stores take
 * these (the embedded store deletes in `downsample()`, InfluxDB through its retention policies).
 */
export interface TelemetryRetentionOptions {
  /** Raw samples (default 30 days). */
  rawMs?: number;
  /** 1-minute means (default 365 days). */
  oneMinuteMs?: number;
  /** 1-hour means (default 5 × 365 days). */
  oneHourMs?: number;
}

/** Retention with every setting filled in. */
export type TelemetryRetention = Readonly<Required<TelemetryRetentionOptions>>;

/** Raw 30 days, 1-minute means 365 days, 1-hour means 5 × 365 days. */
export const DEFAULT_TELEMETRY_RETENTION: TelemetryRetention = Object.freeze({
  rawMs: 30 * DAY_MS,
  oneMinuteMs: 365 * DAY_MS,
  oneHourMs: 5 * 365 * DAY_MS,
});

/**
 * The shortest retention: InfluxDB's minimum, and long enough that a bucket is always rolled up
 * (once complete) before its source rows expire.
 */
export const MIN_TELEMETRY_RETENTION_MS = HOUR_MS;

/** Fills in the defaults; throws RangeError naming a setting that is not a whole number of ms ≥ 1 h. */
export function resolveTelemetryRetention(
  options: TelemetryRetentionOptions = {},
): TelemetryRetention {
  const retention = { ...DEFAULT_TELEMETRY_RETENTION };
  for (const key of Object.keys(retention) as Array<keyof TelemetryRetention>) {
    const value = options[key];
    if (value === undefined) continue;
    if (
      !(value >= MIN_TELEMETRY_RETENTION_MS) ||
      (Number.isFinite(value) && !Number.isInteger(value))
    ) {
      throw new RangeError(
        `telemetry retention ${key} must be a whole number of ms of at least 1 h, or Infinity; got ${value}`,
      );
    }
    retention[key] = value;
  }
  return Object.freeze(retention);
}

/** How long `resolution` is kept under `retention`. */
export function retentionOf(
  retention: TelemetryRetention,
  resolution: TelemetryResolution,
): number {
  if (resolution === 'raw') return retention.rawMs;
  return resolution === '1m' ? retention.oneMinuteMs : retention.oneHourMs;
}
