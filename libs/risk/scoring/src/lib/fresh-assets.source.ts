/**
 * Where a scoring round learns, without waiting for `assets.last_seen`, which assets have just had
 * telemetry made durable (in one process: ingest's activity recorder, through an adapter the
 * composition root builds). Each call hands over what arrived since the previous one.
 */
export interface FreshAssetsSource {
  /** Asset id -> newest device time (epoch ms) made durable since the last call; every row up to it is readable. */
  take(): Promise<ReadonlyMap<string, number>>;
}
