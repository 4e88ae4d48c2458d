import type { ContractRepository } from '@hourglass/billing-records';
import type { DeviceRegistryService } from '@hourglass/devices-registry';
import type { TaskRepository } from '@hourglass/maintenance-tasks';
import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { DeadLetterRepository } from '@hourglass/telemetry-ingest';
import type { TelemetryStore } from '@hourglass/telemetry-store';

/** A dependency whose health `/health` reports. */
export interface HealthCheck {
  name: string;
  check: () => Promise<boolean>;
}

/** Everything the HTTP API serves, built by the composition root of the app. */
export class ApiContext {
  constructor(
    readonly adminToken: string,
    readonly db: SqlDatabase,
    readonly devices: DeviceRegistryService,
    readonly telemetry: TelemetryStore,
    readonly tasks: TaskRepository,
    readonly contracts: ContractRepository,
    readonly deadLetters: DeadLetterRepository,
    readonly metrics: MetricsRegistry,
    readonly healthChecks: readonly HealthCheck[],
    readonly modelsDir: string,
    /** The version scoring uses now. */
    readonly activeModel: () => string | null,
  ) {}
}
