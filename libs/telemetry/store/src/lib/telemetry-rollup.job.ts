import type { EmbeddedDownsampleResult } from './embedded-telemetry-downsampler';

/** The store a rollup round works on: the embedded store (InfluxDB rolls up by itself). */
export interface RollupTarget {
  downsample(nowMs: number): Promise<EmbeddedDownsampleResult>;
}

/**
 * One rollup round of the embedded telemetry store: raw samples into 1-minute and 1-hour means,
 * and deletion of what is past retention (`EmbeddedTelemetryStore.downsample`). InfluxDB does the
 * same itself with the retention policies and continuous queries its adapter sets up, so the
 * composition root schedules this job only for the embedded store.
 */
export class TelemetryRollupJob {
  constructor(
    private readonly store: RollupTarget,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs one round as of now. */
  run(): Promise<EmbeddedDownsampleResult> {
    return this.store.downsample(this.now());
  }
}
