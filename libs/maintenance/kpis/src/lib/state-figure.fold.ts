import { HOUR_MS, type KpiPeriod, type KpiState } from './kpi.types';
import { OUTAGE_MERGE_MS, type StateFigures } from './state-kpis';

/** The state side of the KPI report: what it needs of a fleet's state intervals. */
export interface FleetStateFigures {
  state: StateFigures;
  /** RUN + STANDBY milliseconds per asset type within the period (lifecycle cost per operating year). */
  operatingByType: Map<string, number>;
}

/**
 * Folds a fleet's state intervals into {@link FleetStateFigures} as they are produced, one asset
 * at a time, so no interval is kept: the same figures as `stateFigures` and the report's operating
 * time per type over the same intervals (the `state-figure.fold` spec compares them). Call
 * {@link startAsset}, then {@link span} for each of the asset's intervals in time order, then
 * {@link endAsset}.
 */
export class StateFigureFold {
  private up = 0;
  private required = 0;
  private failures = 0;
  private readonly downtimesHours: number[] = [];
  private readonly operating = new Map<string, number>();
  // The asset being folded: its type, the end of its last RUN/STANDBY interval, its open outage.
  private type: string | undefined;
  private lastUpEnd: number | null = null;
  private outageStart: number | null = null;
  private recoveredAt: number | null = null;

  constructor(private readonly period: KpiPeriod) {}

  startAsset(assetType: string | undefined): void {
    this.type = assetType;
    this.lastUpEnd = null;
    this.outageStart = null;
    this.recoveredAt = null;
  }

  /** One interval `[start, end)` (epoch ms) of the current asset, clipped to the period. */
  span(state: KpiState, rawStart: number, rawEnd: number): void {
    const start = Math.max(rawStart, this.period.from);
    const end = Math.min(rawEnd, this.period.to);
    if (end <= start) return;
    const length = end - start;
    if (state !== 'UNKNOWN') this.required += length;
    if (state === 'RUN' || state === 'STANDBY') {
      this.up += length;
      if (this.type !== undefined)
        this.operating.set(this.type, (this.operating.get(this.type) ?? 0) + length);
      if (this.outageStart !== null && this.recoveredAt === null) this.recoveredAt = start;
      this.lastUpEnd = end;
      return;
    }
    // A failure: FAULT right after RUN/STANDBY; one within 10 min of the last recovery continues it.
    if (state !== 'FAULT' || this.lastUpEnd !== start) return;
    if (this.outageStart !== null && this.recoveredAt !== null) {
      if (start - this.recoveredAt < OUTAGE_MERGE_MS) {
        this.recoveredAt = null;
        return;
      }
      this.downtimesHours.push((this.recoveredAt - this.outageStart) / HOUR_MS);
    }
    this.failures++;
    this.outageStart = start;
    this.recoveredAt = null;
  }

  /**
   * Up and required time of assets without failures, summed elsewhere (e.g. in SQL): what {@link span}
   * adds for their intervals. Call between assets, not inside one.
   */
  time(assetType: string, upMs: number, requiredMs: number): void {
    this.up += upMs;
    this.required += requiredMs;
    if (upMs > 0) this.operating.set(assetType, (this.operating.get(assetType) ?? 0) + upMs);
  }

  /** Closes the current asset: its last outage counts once recovered within the period. */
  endAsset(): void {
    if (this.outageStart !== null && this.recoveredAt !== null)
      this.downtimesHours.push((this.recoveredAt - this.outageStart) / HOUR_MS);
    this.outageStart = null;
    this.recoveredAt = null;
  }

  result(): FleetStateFigures {
    return {
      state: {
        uptimeHours: this.up / HOUR_MS,
        requiredHours: this.required / HOUR_MS,
        failures: this.failures,
        downtimesHours: [...this.downtimesHours],
      },
      operatingByType: new Map(this.operating),
    };
  }
}
