import type { TelemetryPoint } from './case.types';

/**
 * Stored telemetry as the case library reads it (the service scope may not import the telemetry
 * store: the API adapts this port on the store and the asset registry).
 */
export interface AssetTelemetryPort {
  /** Samples of an asset in [from, to) epoch ms, oldest first: at most `limit`, the newest ones. */
  window(assetId: string, from: number, to: number, limit: number): Promise<TelemetryPoint[]>;
  /** Ids of the assets of a type (any tenant), at most `limit`, by id. */
  assetsOfType(assetType: string, limit: number): Promise<string[]>;
}
