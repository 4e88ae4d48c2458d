import type { Provider } from '@nestjs/common';
import { AssetRepository } from '@hourglass/devices-registry';
import {
  FailureCodeRepository,
  TaskRepository,
  type WorkOrderEvents,
} from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  CaseLibraryEvents,
  CaseLibraryService,
  CaseRepository,
  type AssetTelemetryPort,
  type CaseLibraryOptions,
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

/**
 * The case library on a database and a telemetry store (the API's, and the scoring process's raised
 * orders); `options` as the process configured them (default the library's).
 */
export function caseLibraryOn(
  db: SqlDatabase,
  telemetry: TelemetryStore,
  orders: TaskRepository = new TaskRepository(db),
  options: CaseLibraryOptions = {},
): CaseLibraryService {
  return new CaseLibraryService(
    {
      cases: new CaseRepository(db),
      orders,
      codes: new FailureCodeRepository(db),
      telemetry: new StoreAssetTelemetry(
        new AssetRepository(db),
        new DeviceFleetAssets(db),
        telemetry,
      ),
    },
    options,
  );
}

/** The case library the API routes to. */
export function caseLibraryService(context: ApiContext): CaseLibraryService {
  return caseLibraryOn(context.db, context.telemetry, context.tasks, context.caseLibrary);
}

/** Work-order events through the case library (suggest on raise, case on completion), then `next`; failures to `log`. */
export function caseLibraryEvents(
  library: CaseLibraryService,
  next?: WorkOrderEvents,
  log?: (line: string) => void,
): WorkOrderEvents {
  return new CaseLibraryEvents(library, next, log);
}

/** Providers of the case-library routes. */
export function caseLibraryProviders(library: CaseLibraryService): Provider[] {
  return [{ provide: CaseLibraryService, useValue: library }];
}
