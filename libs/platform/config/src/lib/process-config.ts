import type { PlatformConfig } from './platform-config';

/** The processes Hourglass runs: `platform` is everything in one (`npm start`). */
export type HourglassProcess =
  'broker' | 'ingest' | 'scoring' | 'billing' | 'maintenance' | 'api' | 'platform';

type Setting = keyof PlatformConfig;

/** What every process reads: where data lives and how it reaches the other processes. */
const STORAGE = [
  'HG_HOST',
  'HG_DATA_DIR',
  'HG_DATABASE_URL',
  'telemetry',
  'HG_SERVICE_PASSWORD',
  'HG_SHUTDOWN_TIMEOUT_MS',
  'HG_PROBE_PORT',
  'HG_LOG_LEVEL',
  'HG_LOG_FORMAT',
] as const satisfies readonly Setting[];

const BROKER = [
  ...STORAGE,
  'HG_MQTT_PORT',
  'HG_REDIS_URL',
  'HG_MQTTS_PORT',
  'HG_MQTT_WS_PORT',
  'HG_MQTT_TLS_CERT',
  'HG_MQTT_TLS_KEY',
  'HG_MQTT_TLS_CA',
  'HG_MQTT_MAX_PACKET_BYTES',
  'HG_MQTT_MAX_KEEPALIVE',
  'HG_MQTT_PUBLISH_RATE',
  'HG_MQTT_PUBLISH_BURST',
  'HG_MQTT_SPARKPLUG_PUBLISH_RATE',
  'HG_MQTT_CONNECTION_RATE_PER_IP',
  'HG_MQTT_MAX_CONNECTIONS_PER_IP',
  'HG_MQTT_TRUSTED_IPS',
  // The demo fleet's publish rate lifts the default quota when the simulator runs.
  'HG_SIMULATOR',
  'HG_SIM_SPEED',
] as const satisfies readonly Setting[];

const INGEST = [
  ...STORAGE,
  'HG_MQTT_URL',
  'HG_MQTT_CA',
  'HG_MQTT_PORT',
  'HG_INGEST_SHARE_GROUP',
  'HG_INGEST_WORKER_ID',
  'HG_INGEST_BATCH_SIZE',
  'HG_INGEST_FLUSH_MS',
  'HG_INGEST_WRITE_CONCURRENCY',
  'HG_BILLING_METER_METRIC',
] as const satisfies readonly Setting[];

/** Scoring rounds and the warning policy's tasks. */
const SCORING = [
  ...STORAGE,
  'HG_MODEL_DIR',
  'HG_MODEL_VERSION',
  'HG_SCORING_INTERVAL_MS',
  'HG_SCORING_REPLICAS',
  'HG_SCORING_REPLICA_INDEX',
  'HG_SCORE_HISTORY_DAYS',
  'HG_RISK_THRESHOLD',
  'HG_RISK_CONSECUTIVE',
  // A raised order's case-library suggestion is made in the scoring process.
  'HG_CASES_LOOKBACK_HOURS',
] as const satisfies readonly Setting[];

/** Billing rounds. */
const BILLING = [
  ...STORAGE,
  'HG_BILLING_INTERVAL_MS',
  'HG_BILLING_COMPACT_INTERVAL_MS',
  'HG_BILLING_COMPACT_MARGIN_MS',
  'HG_BILLING_RUN_DAYS_INTERVAL_MS',
  'HG_BILLING_RUN_DAYS_MARGIN_MS',
] as const satisfies readonly Setting[];

/** Rule and maintenance-plan rounds; the maintenance commands and equipment events over MQTT. */
const MAINTENANCE = [
  ...STORAGE,
  'HG_MQTT_URL',
  'HG_MQTT_PORT',
] as const satisfies readonly Setting[];

/** The REST API (its model routes read the registry folder; contract health the default threshold). */
const API = [
  ...STORAGE,
  'HG_HTTP_PORT',
  'HG_ACCESS_LOG',
  'HG_ADMIN_TOKEN',
  'adminTokenGenerated',
  'HG_MODEL_DIR',
  'HG_MODEL_VERSION',
  'HG_RISK_THRESHOLD',
  'HG_CASES_LOOKBACK_HOURS',
] as const satisfies readonly Setting[];

const PLATFORM = [
  ...new Set([
    ...BROKER,
    ...INGEST,
    ...SCORING,
    ...BILLING,
    ...MAINTENANCE,
    ...API,
    'HG_SIM_DEVICES',
    'HG_SIM_TECHNICIAN_DELAY_S',
  ] as const),
];

/** The settings each process reads (README "Configuration", column "read by"). */
export const PROCESS_SETTINGS = {
  broker: BROKER,
  ingest: INGEST,
  scoring: SCORING,
  billing: BILLING,
  maintenance: MAINTENANCE,
  api: API,
  platform: PLATFORM,
} as const;

/** The part of the configuration one process reads. */
export type ProcessConfig<P extends HourglassProcess> = Pick<
  PlatformConfig,
  (typeof PROCESS_SETTINGS)[P][number]
>;
/** What the standalone broker reads. */
export type BrokerConfig = ProcessConfig<'broker'>;
/** What a standalone ingest worker reads. */
export type IngestConfig = ProcessConfig<'ingest'>;
/** What a scoring replica reads. */
export type ScoringConfig = ProcessConfig<'scoring'>;
/** What the billing process reads. */
export type BillingConfig = ProcessConfig<'billing'>;
/** What an API process reads. */
export type ApiConfig = ProcessConfig<'api'>;

/** The view of `config` one process reads: nothing else is there to read by mistake. */
export function processConfig<P extends HourglassProcess>(
  config: PlatformConfig,
  process: P,
): ProcessConfig<P> {
  const view: Partial<PlatformConfig> = {};
  for (const key of PROCESS_SETTINGS[process] as readonly Setting[])
    Object.assign(view, { [key]: config[key] });
  return view as ProcessConfig<P>;
}
