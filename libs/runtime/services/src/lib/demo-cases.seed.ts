import { DeviceError, DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import {
  FailureCodeRepository,
  importCompletedOrders,
  TaskRepository,
  type CompletedOrderHistory,
} from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { DEFAULT_TENANT_ID, PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  CaseLibraryService,
  CaseRepository,
  type AssetTelemetryPort,
  type CaseLibraryOptions,
  type TelemetryPoint,
} from '@hourglass/service-cases';
import {
  demoServiceHistory,
  type DemoServiceHistoryOptions,
  type PastServiceOrder,
} from '@hourglass/simulator-cmapss';

const DAY_MS = 86_400_000;
const ASSET_TYPE = 'turbofan';
const COMPONENT = 'hpc-module';
const TECHNICIAN = 'field-technician';

/** What {@link seedDemoCases} did. */
export interface DemoCasesSeedResult {
  seeded: boolean;
  cases: number;
  ms: number;
}

/** Options of {@link seedDemoCases}: the fleet's history and the case library's settings. */
export interface DemoCasesSeedOptions extends Pick<
  DemoServiceHistoryOptions,
  'deviceIds' | 'units' | 'speed' | 'livesPerDevice'
> {
  /** The live case library's settings, so past patterns cover the window live ones do. */
  caseLibrary: CaseLibraryOptions;
  /** The past ends a day before this (default now), apart from the live orders' time. */
  nowMs?: number;
}

/**
 * The telemetry of the seeded past, read from memory: the past lives are not written to the store,
 * where scoring's recent windows of the same engines would read them.
 */
class PastTelemetry implements AssetTelemetryPort {
  private readonly samples = new Map<string, TelemetryPoint[]>();

  constructor(history: readonly PastServiceOrder[]) {
    for (const o of history)
      this.samples.set(o.deviceId, [...(this.samples.get(o.deviceId) ?? []), ...o.samples]);
  }

  async window(assetId: string, from: number, to: number, limit: number) {
    const rows = (this.samples.get(assetId) ?? []).filter((s) => s.ts >= from && s.ts < to);
    return rows.slice(-limit);
  }

  async assetsOfType(): Promise<string[]> {
    return [...this.samples.keys()].sort();
  }
}

/**
 * Seeds the demo fleet's past service (issue 15, the case library's cold start): per engine a few
 * earlier unit lives ended by completed orders whose failure reports carry the fault the live
 * technician would have found ({@link demoServiceHistory}), and their cases with the pattern of the
 * telemetry before each order, through the maintenance and case-library APIs. Once per database:
 * when the first past order exists, nothing is done.
 */
export async function seedDemoCases(
  db: SqlDatabase,
  options: DemoCasesSeedOptions,
): Promise<DemoCasesSeedResult> {
  const started = Date.now();
  const history = demoServiceHistory({
    ...options,
    endMs: (options.nowMs ?? Date.now()) - DAY_MS,
  });
  const tasks = new TaskRepository(db);
  if (history.length === 0 || (await tasks.get(PROVIDER_SCOPE, history[0].orderId)))
    return { seeded: false, cases: 0, ms: Date.now() - started };
  await provisionEngines(db, options.deviceIds);
  await importCompletedOrders(db, history.map(completedOrder));
  const library = new CaseLibraryService(
    {
      cases: new CaseRepository(db),
      orders: tasks,
      codes: new FailureCodeRepository(db),
      telemetry: new PastTelemetry(history),
    },
    options.caseLibrary,
  );
  let cases = 0;
  for (const past of history) {
    const order = await tasks.get(PROVIDER_SCOPE, past.orderId);
    if (order && (await library.recordCompleted(order))) cases++;
  }
  return { seeded: true, cases, ms: Date.now() - started };
}

/** The fleet's engines exist before the fleet starts (it rotates the credentials of existing ones). */
async function provisionEngines(db: SqlDatabase, deviceIds: readonly string[]): Promise<void> {
  const registry = new DeviceRegistryService(new DeviceRepository(db));
  for (const id of deviceIds)
    await registry.provision(PROVIDER_SCOPE, { id, type: ASSET_TYPE }).catch((error: unknown) => {
      if (!(error instanceof DeviceError && error.code === 'DEVICE_EXISTS')) throw error;
    });
}

/** A past order as the live technician completes one: the fault's remedy code and parts, 4 h. */
function completedOrder(past: PastServiceOrder): CompletedOrderHistory {
  return {
    id: past.orderId,
    tenantId: DEFAULT_TENANT_ID,
    assetId: past.deviceId,
    assetType: ASSET_TYPE,
    component: COMPONENT,
    priority: 'HIGH',
    raisedAt: past.raisedAt,
    completedAt: past.completedAt,
    assignee: TECHNICIAN,
    cost: '0.00',
    report: {
      outcome: 'DEFECT_CONFIRMED_REPLACED',
      failureCode: past.fault.remedy,
      parts: past.fault.parts.map(({ partNumber, quantity }) => ({ partNumber, quantity })),
      labourHours: 4,
    },
  };
}
