import type { AssetActivityRecorder } from '@hourglass/devices-registry';
import type { FreshAssetsSource } from '@hourglass/risk-scoring';

/**
 * Scoring's {@link FreshAssetsSource} over ingest's activity recorder in the same process: each
 * round takes the assets whose telemetry was made durable since the last one, without waiting for
 * the recorder's `last_seen` write.
 */
export class RecorderFreshAssets implements FreshAssetsSource {
  constructor(private readonly recorder: Pick<AssetActivityRecorder, 'takeFresh'>) {}

  take(): Promise<ReadonlyMap<string, number>> {
    return this.recorder.takeFresh();
  }
}
