import type { SqlDatabase } from '@hourglass/platform-sql';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import { DEFAULT_METER_METRIC, HourMeterSampler, type HourMeterSamplerOptions } from './hour-meter-sampler';

/** Seconds between HEARTBEAT events per asset while its state does not change. */
const HEARTBEAT_EVERY_MS = 60_000;

/** Options of {@link AssetActivityRepository}. */
export interface AssetActivityOptions {
  /**
   * Shortest time between two `lastSeen` writes, ms (default 5,000). Each write updates every asset
   * heard from since the last one, whatever the interval, so a longer one costs less per message.
   */
  seenFlushMs?: number;
  now?: () => number;
  /** Where a failed background `lastSeen` write is reported. */
  log?: (line: string) => void;
  /**
   * The metric carrying the device's hour meter in hours (default `hour_meter_h`,
   * `HG_BILLING_METER_METRIC`); samples with it become `HOUR_METER` events as {@link HourMeterSampler}
   * decides. `null` stores no meter readings.
   */
  meterMetric?: string | null;
  /** When readings of a meter are stored (default: every 5 min while it moves, both sides of resets and silences). */
  meter?: HourMeterSamplerOptions;
}

/** Assets per `lastSeen` statement: on the embedded database one statement holds the event loop. */
const SEEN_CHUNK = 1_000;

interface Latest {
  ts: number;
  state?: string;
}

/**
 * Keeps each asset's `state` and `lastSeen`, and writes the state events that availability and
 * operating hours are computed from: one on every state change and a heartbeat at most once a
 * minute, instead of one row per message; and `HOUR_METER` events from the hour-meter metric, a
 * few per device and hour (see {@link HourMeterSampler}). State events are written with the batch
 * (they are billing inputs); `lastSeen` and `state` are merged in memory and written at most once per
 * `seenFlushMs`, so a batch of thousands of devices does not update thousands of rows. That write
 * runs beside the batches, not in their acknowledgement path: `lastSeen` is a status figure, not
 * telemetry, and a failed write is retried with the next one (and on `flushSeen()` at shutdown).
 */
export class AssetActivityRepository {
  private readonly lastState = new Map<string, { state: string; heartbeatAt: number }>();
  private readonly seen = new Map<string, Latest>();
  private seenFlushedAt = 0;
  private seenWrite?: Promise<void>;
  private seenTimer?: NodeJS.Timeout;

  private readonly seenFlushMs: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly meterMetric: string | null;
  private readonly meter: HourMeterSampler;

  constructor(
    private readonly db: SqlDatabase,
    options: AssetActivityOptions = {},
  ) {
    this.seenFlushMs = options.seenFlushMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
    this.meterMetric = options.meterMetric === undefined ? DEFAULT_METER_METRIC : options.meterMetric;
    this.meter = new HourMeterSampler(options.meter);
  }

  /** Records a durably stored batch; samples of unknown assets are ignored. */
  async record(samples: readonly TelemetrySample[]): Promise<void> {
    const events: StateEventRow[] = [];
    const sorted = [...samples].sort((a, b) => a.ts - b.ts);
    for (const s of sorted) {
      const prev = this.seen.get(s.deviceId);
      if (!prev || s.ts >= prev.ts) this.seen.set(s.deviceId, { ts: s.ts, state: s.state ?? prev?.state });
      if (s.state) this.trackState(s, events);
      const hours = this.meterMetric === null ? undefined : s.metrics[this.meterMetric];
      if (hours !== undefined) this.trackMeter(s, hours, events);
    }
    if (events.length > 0) await this.insertEvents(events);
    this.scheduleSeen();
  }

  /**
   * Writes `lastSeen` now if the last write is `seenFlushMs` old, else once it is (a timer, so the
   * last messages of a fleet that goes quiet are not left waiting for a next batch).
   */
  private scheduleSeen(): void {
    if (this.seenWrite || this.seenTimer || this.seen.size === 0) return;
    const wait = this.seenFlushedAt + this.seenFlushMs - this.now();
    if (wait > 0) {
      this.seenTimer = setTimeout(() => {
        this.seenTimer = undefined;
        this.scheduleSeen();
      }, wait);
      this.seenTimer.unref();
      return;
    }
    this.seenWrite = this.writeSeen()
      .catch((error: Error) => this.log(`ingest: lastSeen update failed (${error.message}); retrying with the next one`))
      .finally(() => {
        this.seenWrite = undefined;
        this.scheduleSeen(); // what arrived during the write
      });
  }

  /** Writes the merged `lastSeen`/`state` of every asset heard from since the last flush (after any write under way). */
  async flushSeen(): Promise<void> {
    clearTimeout(this.seenTimer);
    this.seenTimer = undefined;
    await this.seenWrite;
    await this.writeSeen();
  }

  private async writeSeen(): Promise<void> {
    this.seenFlushedAt = this.now();
    if (this.seen.size === 0) return;
    const ids = [...this.seen.keys()];
    const latest = [...this.seen.values()];
    this.seen.clear();
    for (let from = 0; from < ids.length; from += SEEN_CHUNK) {
      const chunk = ids.slice(from, from + SEEN_CHUNK);
      const values = latest.slice(from, from + SEEN_CHUNK);
      try {
        await this.db.query(
          `update assets a set last_seen = greatest(a.last_seen, u.t), state = coalesce(u.s, a.state)
           from unnest($1::text[], $2::timestamptz[], $3::text[]) as u(id, t, s)
           where a.id = u.id and (a.last_seen is null or a.last_seen <= u.t)`,
          [chunk, values.map((l) => new Date(l.ts).toISOString()), values.map((l) => l.state ?? null) as string[]],
        );
      } catch (error) {
        // Put back what was not written (newer entries win) so the next flush tries again.
        ids.slice(from).forEach((id, i) => {
          const now = this.seen.get(id);
          if (!now || now.ts < latest[from + i].ts) this.seen.set(id, latest[from + i]);
        });
        throw error;
      }
      // The embedded database runs on this thread: let sockets and timers in between chunks.
      if (from + SEEN_CHUNK < ids.length) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private trackState(s: TelemetrySample, events: StateEventRow[]): void {
    const state = s.state as string;
    const known = this.lastState.get(s.deviceId);
    if (!known || known.state !== state) {
      events.push({ asset: s.deviceId, at: s.ts, kind: 'STATE', state, meterHours: null, seq: s.seq ?? null });
      this.lastState.set(s.deviceId, { state, heartbeatAt: s.ts });
    } else if (s.ts - known.heartbeatAt >= HEARTBEAT_EVERY_MS) {
      events.push({ asset: s.deviceId, at: s.ts, kind: 'HEARTBEAT', state, meterHours: null, seq: s.seq ?? null });
      known.heartbeatAt = s.ts;
    }
  }

  private trackMeter(s: TelemetrySample, hours: number, events: StateEventRow[]): void {
    for (const r of this.meter.offer(s.deviceId, { ts: s.ts, hours, seq: s.seq ?? null })) {
      events.push({ asset: s.deviceId, at: r.ts, kind: 'HOUR_METER', state: null, meterHours: r.hours, seq: r.seq });
    }
  }

  private async insertEvents(events: readonly StateEventRow[]): Promise<void> {
    await this.db.query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state, seq, meter_hours)
       select u.a, a.tenant_id, u.t, u.k, u.s, u.q, u.m
       from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::bigint[], $6::float8[]) as u(a, t, k, s, q, m)
       join assets a on a.id = u.a
       on conflict (asset_id, observed_at, kind) do nothing`,
      [
        events.map((e) => e.asset),
        events.map((e) => new Date(e.at).toISOString()),
        events.map((e) => e.kind),
        events.map((e) => e.state) as string[],
        events.map((e) => e.seq) as number[],
        events.map((e) => e.meterHours) as number[],
      ],
    );
  }
}

interface StateEventRow {
  asset: string;
  at: number;
  kind: 'STATE' | 'HEARTBEAT' | 'HOUR_METER';
  state: string | null;
  meterHours: number | null;
  seq: number | null;
}
