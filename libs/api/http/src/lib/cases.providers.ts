import type { Provider } from '@nestjs/common';
import { AssetRepository } from '@hourglass/devices-registry';
import { FailureCodeRepository, type WorkOrderEvents } from '@hourglass/maintenance-tasks';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  CaseLibraryEvents,
  CaseLibraryService,
  CaseRepository,
  type AssetTelemetryPort,
  type TelemetryPoint,
} from '@hourglass/service-cases';
import type { TelemetryStore } from '@hourglass/telemetry-store';
import type { ApiContext } from './api-context';
import { DeviceFleetAssets } from './service-loop.providers';

/** The case library's telemetry port on the telemetry store (raw samples) and the asset registry. */
export class StoreAssetTelemetry implements AssetTelemetryPort {
  constructor(
    private readonly assets: AssetRepository,
    private readonly fleet: DeviceFleetAssets,
    private readonly store: TelemetryStore,
  ) {}

  async window(
    assetId: string,
    from: number,
    to: number,
    limit: number,
  ): Promise<TelemetryPoint[]> {
    const [asset] = await this.assets.list(PROVIDER_SCOPE, assetId);
    if (!asset) return [];
    const rows = await this.store.query(asset.deviceId, { from, to, limit, newest: true });
    return rows.map(({ ts, metrics }) => ({ ts, metrics }));
  }

  async assetsOfType(assetType: string, limit: number): Promise<string[]> {
    const ids = (await this.fleet.ofType(PROVIDER_SCOPE, assetType)).map((a) => a.id).sort();
    return ids.slice(0, limit);
  }
}

/** The case library the API routes to. */
export function caseLibraryService(context: ApiContext): CaseLibraryService {
  const { db } = context;
  return new CaseLibraryService({
    cases: new CaseRepository(db),
    orders: context.tasks,
    codes: new FailureCodeRepository(db),
    telemetry: new StoreAssetTelemetry(
      new AssetRepository(db),
      new DeviceFleetAssets(db),
      context.telemetry,
    ),
  });
}

/** The API's work-order events: the case library's (suggest on raise, case on completion), then the context's. */
export function caseLibraryEvents(
  library: CaseLibraryService,
  next?: WorkOrderEvents,
): WorkOrderEvents {
  return new CaseLibraryEvents(library, next);
}

/** Providers of the case-library routes. */
export function caseLibraryProviders(library: CaseLibraryService): Provider[] {
  return [{ provide: CaseLibraryService, useValue: library }];
}
