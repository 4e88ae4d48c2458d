import type {
  BillingCorrectionService,
  BillingRunService,
  BillingStores,
  ContractHealthService,
  ContractRepository,
  ContractService,
} from '@hourglass/billing-records';
import type { ServiceAccount } from '@hourglass/broker-server';
import type { DeviceRegistryService } from '@hourglass/devices-registry';
import type { TaskRepository, WorkOrderEvents } from '@hourglass/maintenance-tasks';
import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { DeadLetterRepository, TelemetryIngestService } from '@hourglass/telemetry-ingest';
import type { CaseLibraryOptions } from '@hourglass/service-cases';
import type { HealthWeights, OrderAttributionPort } from '@hourglass/success-customer';
import type { TelemetryStore } from '@hourglass/telemetry-store';
import type { AuthThrottleOptions } from './auth/auth-failure.throttle';
import type { SignInSettings } from './auth/password.service';
import type { LiveOptions } from './live/live-event.hub';
import {
  DEFAULT_TELEMETRY_READ_LIMITS,
  type TelemetryReadLimits,
} from './telemetry/telemetry-read-limits';

/** A dependency whose health `/health` reports. */
export interface HealthCheck {
  name: string;
  check: () => Promise<boolean>;
}

/** The billing services the API routes to, built once by the composition root. */
export interface ApiBillingServices {
  stores: BillingStores;
  contracts: ContractService;
  runs: BillingRunService;
  health: ContractHealthService;
  corrections: BillingCorrectionService;
}

/** The model registry folder and which version serves. */
export interface ApiModelSettings {
  /** Model registry folder (`HG_MODEL_DIR`, resolved). */
  dir: string;
  /** The version scoring uses now. */
  active: () => string | null;
  /** The version pinned by `HG_MODEL_VERSION`, serving until one is promoted; undefined = the newest. */
  pinned?: string;
}

/** The HTTP hooks of an external MQTT broker (`/api/mqtt/authenticate`, `/api/mqtt/authorize`). */
export interface MqttHookSettings {
  /** The platform's MQTT service accounts, admitted as the embedded broker admits them. */
  services: readonly ServiceAccount[];
  /** The bearer secret the broker sends with every hook request. */
  secret: string;
}

/** Where `POST /api/devices/{id}/telemetry` goes: the ingest service of this process. */
export type TelemetryIntake = Pick<TelemetryIngestService, 'submit'>;

/** What the composition root of an app gives the HTTP API. */
export interface ApiDependencies {
  /** `HG_ADMIN_TOKEN`: the provider-wide admin. */
  adminToken: string;
  db: SqlDatabase;
  devices: DeviceRegistryService;
  telemetry: TelemetryStore;
  tasks: TaskRepository;
  contracts: ContractRepository;
  deadLetters: DeadLetterRepository;
  billing: ApiBillingServices;
  metrics: MetricsRegistry;
  healthChecks: readonly HealthCheck[];
  models: ApiModelSettings;
  /** Throttling of failed bearer tokens per address (default `DEFAULT_AUTH_THROTTLE`). */
  authThrottle?: Partial<AuthThrottleOptions>;
  /** Sign-in by password: session length and failure throttling (default `DEFAULT_SIGN_IN`). */
  signIn?: SignInSettings;
  /** Live updates (`GET /api/events`): poll interval, heartbeat, limits (default `DEFAULT_LIVE`). */
  live?: Partial<LiveOptions>;
  /** Bounds of telemetry reads (default `DEFAULT_TELEMETRY_READ_LIMITS`). */
  telemetryRead?: Partial<TelemetryReadLimits>;
  /** Where work-order status changes made through the API go (webhooks, device commands; default nowhere). */
  workOrderEvents?: WorkOrderEvents;
  /** When set, the API serves the external broker's authentication and authorization hooks. */
  mqttHooks?: MqttHookSettings;
  /**
   * Which partner and region served an order, recorded with its NPS answer (the service network's
   * seam; default: none, every order the provider's own team's).
   */
  orderAttribution?: OrderAttributionPort;
  /** This provider's weights of the customer health components (default `DEFAULT_HEALTH_WEIGHTS`). */
  healthWeights?: HealthWeights;
  /**
   * Ingest in this process, for HTTP telemetry; without it (an API process without ingest) the
   * route answers 503 `INGEST_NOT_HOSTED` rather than take samples it cannot make durable.
   */
  telemetryIntake?: TelemetryIntake;
  /** Settings of the case library (`HG_CASES_LOOKBACK_HOURS`; default the library's). */
  caseLibrary?: CaseLibraryOptions;
}

/** Everything the HTTP API serves, built by the composition root of the app. */
export class ApiContext {
  readonly adminToken: string;
  readonly db: SqlDatabase;
  readonly devices: DeviceRegistryService;
  readonly telemetry: TelemetryStore;
  readonly tasks: TaskRepository;
  readonly contracts: ContractRepository;
  readonly deadLetters: DeadLetterRepository;
  readonly billing: ApiBillingServices;
  readonly metrics: MetricsRegistry;
  readonly healthChecks: readonly HealthCheck[];
  readonly models: ApiModelSettings;
  readonly authThrottle: Partial<AuthThrottleOptions>;
  readonly signIn: SignInSettings;
  readonly live: Partial<LiveOptions>;
  readonly telemetryRead: Readonly<TelemetryReadLimits>;
  readonly workOrderEvents: WorkOrderEvents | undefined;
  readonly mqttHooks: MqttHookSettings | undefined;
  readonly orderAttribution: OrderAttributionPort | undefined;
  readonly healthWeights: HealthWeights | undefined;
  readonly telemetryIntake: TelemetryIntake | undefined;
  readonly caseLibrary: CaseLibraryOptions;

  constructor(deps: ApiDependencies) {
    this.adminToken = deps.adminToken;
    this.db = deps.db;
    this.devices = deps.devices;
    this.telemetry = deps.telemetry;
    this.tasks = deps.tasks;
    this.contracts = deps.contracts;
    this.deadLetters = deps.deadLetters;
    this.billing = deps.billing;
    this.metrics = deps.metrics;
    this.healthChecks = deps.healthChecks;
    this.models = deps.models;
    this.authThrottle = deps.authThrottle ?? {};
    this.signIn = deps.signIn ?? {};
    this.live = deps.live ?? {};
    this.telemetryRead = { ...DEFAULT_TELEMETRY_READ_LIMITS, ...deps.telemetryRead };
    this.workOrderEvents = deps.workOrderEvents;
    this.mqttHooks = deps.mqttHooks;
    this.orderAttribution = deps.orderAttribution;
    this.healthWeights = deps.healthWeights;
    this.telemetryIntake = deps.telemetryIntake;
    this.caseLibrary = deps.caseLibrary ?? {};
  }
}
