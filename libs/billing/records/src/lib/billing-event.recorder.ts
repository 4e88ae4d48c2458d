import { AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import {
  DEFAULT_METER_METRIC,
  HourMeterSampler,
  type HourMeterSamplerOptions,
} from './hour-meter-sampler';
import { StateEventRepository, type NewStateEvent } from './state-event.repository';

/** Time between HEARTBEAT events of an asset while its state does not change, ms. */
const HEARTBEAT_EVERY_MS = 60_000;

/** Options of {@link BillingEventRecorder}. */
export interface BillingEventRecorderOptions {
  /**
   * The metric carrying the device's hour meter in hours (default `hour_meter_h`,
   * `HG_BILLING_METER_METRIC`); samples with it become `HOUR_METER` events as {@link HourMeterSampler}
   * decides. `null` stores no meter readings.
   */
  meterMetric?: string | null;
  /** When readings of a meter are stored (default: every 5 min while it moves, both sides of resets and silences). */
  meter?: HourMeterSamplerOptions;
}

/**
 * Turns durable telemetry into the billing inputs availability and operating hours are computed
 * from (spec §3.1), in `state_events`: a `STATE` event on every state change and a `HEARTBEAT` at
 * most once a minute, instead of one row per message; and `HOUR_METER` events from the hour-meter
 * metric, a few per device and hour (see {@link HourMeterSampler}). One statement per batch, and
 * none for a batch without events. Samples of unknown assets are ignored.
 *
 * The runtime gives it to ingest as a durable-batch hook (`onDurable`): it runs after the batch is
 * in the telemetry store or the spool, and its failure is retried before the batch is acknowledged.
 */
export class BillingEventRecorder {
  private readonly lastState = new Map<string, { state: string; heartbeatAt: number }>();
  private readonly events: StateEventRepository;
  private readonly meterMetric: string | null;
  private readonly meter: HourMeterSampler;
  private readonly assets: AssetRepository;
  /** Each known asset's tenant: an asset never changes tenant, so one registry read per asset. */
  private readonly tenants = new Map<string, string>();

  constructor(db: SqlDatabase, options: BillingEventRecorderOptions = {}) {
    this.events = new StateEventRepository(db);
    this.assets = new AssetRepository(db);
    this.meterMetric =
      options.meterMetric === undefined ? DEFAULT_METER_METRIC : options.meterMetric;
    this.meter = new HourMeterSampler(options.meter);
  }

  /** Records the billing events of a durably stored batch (any order; devices' time decides). */
  async onDurable(samples: readonly TelemetrySample[]): Promise<void> {
    const events: NewStateEvent[] = [];
    const sorted = [...samples].sort((a, b) => a.ts - b.ts);
    for (const s of sorted) {
      if (s.state) this.trackState(s, s.state, events);
      const hours = this.meterMetric === null ? undefined : s.metrics[this.meterMetric];
      if (hours !== undefined) this.trackMeter(s, hours, events);
    }
    await this.events.insert(events, await this.tenantsOf(events));
  }

  /** The tenant of every asset the events name that the registry knows (unknown ones are asked again next time). */
  private async tenantsOf(events: readonly NewStateEvent[]): Promise<ReadonlyMap<string, string>> {
    const missing = [...new Set(events.map((e) => e.assetId))].filter(
      (id) => !this.tenants.has(id),
    );
    for (const a of await this.assets.byIds(missing)) this.tenants.set(a.id, a.tenantId);
    return this.tenants;
  }

  private trackState(s: TelemetrySample, state: string, events: NewStateEvent[]): void {
    const known = this.lastState.get(s.deviceId);
    if (!known || known.state !== state) {
      events.push(stateEvent(s, 'STATE', state));
      this.lastState.set(s.deviceId, { state, heartbeatAt: s.ts });
    } else if (s.ts - known.heartbeatAt >= HEARTBEAT_EVERY_MS) {
      events.push(stateEvent(s, 'HEARTBEAT', state));
      known.heartbeatAt = s.ts;
    }
  }

  private trackMeter(s: TelemetrySample, hours: number, events: NewStateEvent[]): void {
    for (const r of this.meter.offer(s.deviceId, { ts: s.ts, hours, seq: s.seq ?? null })) {
      events.push({
        assetId: s.deviceId,
        observedAtMs: r.ts,
        kind: 'HOUR_METER',
        state: null,
        meterHours: r.hours,
        seq: r.seq,
      });
    }
  }
}

function stateEvent(s: TelemetrySample, kind: 'STATE' | 'HEARTBEAT', state: string): NewStateEvent {
  return {
    assetId: s.deviceId,
    observedAtMs: s.ts,
    kind,
    state,
    meterHours: null,
    seq: s.seq ?? null,
  };
}
