/** The telemetry metric billing reads a device's hour meter from, in hours (`HG_BILLING_METER_METRIC`). */
export const DEFAULT_METER_METRIC = 'hour_meter_h';

/** Options of {@link HourMeterSampler}. */
export interface HourMeterSamplerOptions {
  /**
   * Longest time between two stored readings of a meter that keeps changing, ms (default 300,000 =
   * 5 min). The METER basis sums the deltas between stored readings, so the interval loses nothing
   * inside a period; it only decides how much running time near a period end is counted in the next
   * period instead (at most this long, below the default 0.1 h rounding unit).
   */
  everyMs?: number;
  /**
   * A reading that follows a silence at least this long, ms (default 300,000 = 5 min), is stored
   * together with the last reading before the silence, so that stored readings bracket the gap:
   * an UNKNOWN gap (no message for longer than the contract's heartbeat timeout, default 15 min) is
   * credited from their delta (spec §3.5). Keep it above the devices' sampling interval (else every
   * sample is a silence) and at or below the shortest heartbeat timeout of the contracts.
   */
  silenceMs?: number;
}

/** One reading to store as an `HOUR_METER` event. */
export interface MeterReading {
  ts: number;
  hours: number;
  seq: number | null;
}

interface MeterTrack {
  /** The last stored reading. */
  stored: MeterReading;
  /** The newest reading seen (stored or not). */
  last: MeterReading;
}

/**
 * Decides which hour-meter samples become `HOUR_METER` billing events, instead of one event per
 * sample: the first reading of a meter, a reading at least `everyMs` after the last stored one if
 * the meter moved, and around every discontinuity both sides of it (a meter reset, where the value
 * goes down, and a silence of at least `silenceMs`). Readings older than the newest one seen for the
 * device (a late batch) are left out: the events on both sides of them are stored already.
 * Pure and in memory: one entry per device.
 */
export class HourMeterSampler {
  private readonly tracks = new Map<string, MeterTrack>();
  private readonly everyMs: number;
  private readonly silenceMs: number;

  constructor(options: HourMeterSamplerOptions = {}) {
    this.everyMs = options.everyMs ?? 300_000;
    this.silenceMs = options.silenceMs ?? 300_000;
  }

  /** Feeds one reading (in device time order per device); returns the readings to store now, oldest first. */
  offer(deviceId: string, reading: MeterReading): MeterReading[] {
    if (!Number.isFinite(reading.hours) || reading.hours < 0) return [];
    const track = this.tracks.get(deviceId);
    if (!track) {
      this.tracks.set(deviceId, { stored: reading, last: reading });
      return [reading];
    }
    const { stored, last } = track;
    if (reading.ts <= last.ts) return [];
    track.last = reading;
    const discontinuity = reading.hours < last.hours || reading.ts - last.ts >= this.silenceMs;
    if (discontinuity) {
      track.stored = reading;
      return last === stored ? [reading] : [last, reading];
    }
    if (reading.ts - stored.ts >= this.everyMs && reading.hours !== stored.hours) {
      track.stored = reading;
      return [reading];
    }
    return [];
  }
}
