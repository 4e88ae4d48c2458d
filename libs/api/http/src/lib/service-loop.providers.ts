import type { Provider } from '@nestjs/common';
import { DeviceRepository } from '@hourglass/devices-registry';
import {
  MaintenancePlanRepository,
  PlanCycleRepository,
  PlanScheduleService,
} from '@hourglass/maintenance-plans';
import {
  RuleBacktestService,
  RuleRepository,
  type FleetAsset,
  type FleetAssets,
} from '@hourglass/maintenance-rules';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { Scope } from '@hourglass/platform-tenancy';
import type { ApiContext } from './api-context';

/** The asset registry as rules and plans read it (one asset per device, same id and type). */
export class DeviceFleetAssets implements FleetAssets {
  private readonly devices: DeviceRepository;

  constructor(db: SqlDatabase) {
    this.devices = new DeviceRepository(db);
  }

  async ofType(scope: Scope, assetType: string): Promise<FleetAsset[]> {
    return (await this.devices.list(scope))
      .filter((d) => d.type === assetType)
      .map(({ id, tenantId, type }) => ({ id, tenantId, type }));
  }

  async get(scope: Scope, assetId: string): Promise<FleetAsset | null> {
    const d = await this.devices.get(scope, assetId);
    return d ? { id: d.id, tenantId: d.tenantId, type: d.type } : null;
  }
}

/** Providers of the rule and maintenance-plan routes. */
export function serviceLoopProviders(context: ApiContext): Provider[] {
  const { db } = context;
  const assets = new DeviceFleetAssets(db);
  const plans = new MaintenancePlanRepository(db);
  return [
    { provide: DeviceFleetAssets, useValue: assets },
    { provide: RuleRepository, useValue: new RuleRepository(db) },
    { provide: RuleBacktestService, useValue: new RuleBacktestService(assets, context.telemetry) },
    { provide: MaintenancePlanRepository, useValue: plans },
    {
      provide: PlanScheduleService,
      useValue: new PlanScheduleService(plans, new PlanCycleRepository(db)),
    },
  ];
}
