import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalUrl = z.preprocess(blankToUndefined, z.string().trim().url().optional());
const optionalPort = z.preprocess(blankToUndefined, port.optional());
const optionalCount = z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional());
const optionalText = z.preprocess(blankToUndefined, z.string().optional());
const name64 = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (1 to 64)');

/** Shortest `HG_ADMIN_TOKEN` accepted. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/**
 * Settings owned by a domain lib have no default here (the platform libs may not import domain
 * libs): unset, they stay undefined and the owner's exported default constant applies.
 *
 * The environment of every Hourglass process, one key per variable (README "Configuration" and
 * `.env.example` list them all; a unit test keeps the three in step). Read once at start-up.
 */
export const platformEnvSchema = z.object({
  HG_HTTP_PORT: port.default(8080),
  HG_MQTT_PORT: port.default(1883),
  /** `/livez`, `/readyz`, `/metrics` of the processes without an API; unset = 9181 broker, 9182 ingest, 9183 scoring, 9184 billing, 9185 maintenance. */
  HG_PROBE_PORT: optionalPort,
  HG_HOST: z.string().default('127.0.0.1'),
  HG_DATA_DIR: z.string().min(1).default('./.hourglass'),
  HG_ADMIN_TOKEN: z
    .string()
    .min(MIN_ADMIN_TOKEN_LENGTH, `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`)
    .optional(),
  /** InfluxDB: all four or none (the embedded store); see `TelemetryConfig`. */
  HG_INFLUX_URL: optionalUrl,
  HG_INFLUX_TOKEN: optionalText,
  HG_INFLUX_ORG: optionalText,
  HG_INFLUX_BUCKET: optionalText,
  HG_DATABASE_URL: optionalUrl,
  HG_REDIS_URL: optionalUrl,
  /** Broker the standalone ingest and alerts services connect to (default: the local HG_MQTT_PORT). */
  HG_MQTT_URL: optionalUrl,
  /** PEM file of the CA(s) standalone ingest trusts for an `mqtts://` or `wss://` HG_MQTT_URL (default: the system roots). */
  HG_MQTT_CA: optionalText,
  /**
   * Master secret of the platform's MQTT service accounts when services run apart (default: random per
   * process): each account's own password is HMAC-SHA256(master, account name), base64url.
   */
  HG_SERVICE_PASSWORD: optionalText,
  /** Shared-subscription group of standalone ingest workers; unset = one worker takes everything. */
  HG_INGEST_SHARE_GROUP: z.preprocess(blankToUndefined, name64.optional()),
  /** Names a shared-group ingest worker's MQTT session and spool (default: the process id). */
  HG_INGEST_WORKER_ID: z.preprocess(blankToUndefined, name64.optional()),
  /** MQTT over TLS (mTLS when HG_MQTT_TLS_CA is set); unset = listener off. Needs HG_MQTT_TLS_CERT and _KEY. */
  HG_MQTTS_PORT: optionalPort,
  /** MQTT over WebSocket; unset = listener off. */
  HG_MQTT_WS_PORT: optionalPort,
  /** PEM files of the TLS listener: server certificate, its key, and the CA of device certificates. */
  HG_MQTT_TLS_CERT: optionalText,
  HG_MQTT_TLS_KEY: optionalText,
  HG_MQTT_TLS_CA: optionalText,
  /** Broker limits (see libs/broker/server/README.md); unset = the documented default. */
  HG_MQTT_MAX_PACKET_BYTES: optionalCount,
  HG_MQTT_MAX_KEEPALIVE: optionalCount,
  HG_MQTT_PUBLISH_RATE: optionalCount,
  HG_MQTT_PUBLISH_BURST: optionalCount,
  /** Messages per second of one Sparkplug B edge node on its spBv1.0 topics (all its devices). */
  HG_MQTT_SPARKPLUG_PUBLISH_RATE: optionalCount,
  HG_MQTT_CONNECTION_RATE_PER_IP: optionalCount,
  HG_MQTT_MAX_CONNECTIONS_PER_IP: optionalCount,
  /** Comma-separated addresses exempt from the per-IP limits (default: loopback). */
  HG_MQTT_TRUSTED_IPS: optionalText,
  HG_SIMULATOR: z.enum(['cmapss', 'off']).default('cmapss'),
  /** Unset = DEMO_FLEET_DEFAULTS of the simulator (10 engines, 2 cycles per second). */
  HG_SIM_DEVICES: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1).max(100_000).optional(),
  ),
  HG_SIM_SPEED: z.preprocess(blankToUndefined, z.coerce.number().positive().max(1_000).optional()),
  /** Seconds from an order to the demo technician's work on it, or `off`; unset = FIELD_TECHNICIAN_DEFAULTS of the simulator. */
  HG_SIM_TECHNICIAN_DELAY_S: z.preprocess(
    blankToUndefined,
    z.union([z.literal('off'), z.coerce.number().min(0).max(86_400)]).optional(),
  ),
  HG_MODEL_DIR: z.string().default('models'),
  /** Pins the model version serving until one is promoted through the API (default: the newest folder). */
  HG_MODEL_VERSION: optionalText,
  HG_SCORING_INTERVAL_MS: z.coerce.number().int().min(50).default(2_000),
  /** Unset = DEFAULT_RISK_THRESHOLD of risk/scoring. */
  HG_RISK_THRESHOLD: z.preprocess(blankToUndefined, z.coerce.number().min(0).max(1).optional()),
  /** Unset = DEFAULT_WARNING_DEFAULTS.consecutive of maintenance/tasks. */
  HG_RISK_CONSECUTIVE: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  /**
   * Hours of telemetry before an order that make its case-library pattern and diagnosis window. Unset
   * = DEFAULT_CASE_LIBRARY_OPTIONS.lookbackHours of service/cases (72), except in `npm start` with the
   * simulator, where it follows the demo fleet's clock (demoCaseLookbackHours of the simulator).
   */
  HG_CASES_LOOKBACK_HOURS: z.preprocess(
    blankToUndefined,
    z.coerce.number().positive().max(100_000).optional(),
  ),
  /** Scoring replicas sharing the assets (each asset is scored by exactly one). */
  HG_SCORING_REPLICAS: z.coerce.number().int().min(1).max(1_024).default(1),
  /** This replica's index in [0, HG_SCORING_REPLICAS). */
  HG_SCORING_REPLICA_INDEX: z.coerce.number().int().min(0).default(0),
  /** Days of hourly risk and RUL history kept (the console's charts read up to a year); 0 = kept for ever. */
  HG_SCORE_HISTORY_DAYS: z.coerce.number().int().min(0).default(400),
  HG_BILLING_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
  /** How often closed days of state events are packed for billing runs (StateEventDayCompactor); 0 = never. */
  HG_BILLING_COMPACT_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** How long after a UTC day ends it is packed (at least 11 minutes: late events are indexed after 10). */
  HG_BILLING_COMPACT_MARGIN_MS: z.coerce.number().int().min(660_000).default(3_600_000),
  /** How often closed days' RUN time per asset is rolled up for whole-book reads (RunDayRollupJob); 0 = never. */
  HG_BILLING_RUN_DAYS_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** How long after a UTC day ends its RUN time is rolled up (at least 11 minutes: late events are indexed after 10). */
  HG_BILLING_RUN_DAYS_MARGIN_MS: z.coerce.number().int().min(660_000).default(3_600_000),
  /** The telemetry metric carrying a device's hour meter in hours; ingest stores its readings as HOUR_METER billing events. */
  /** Unset = DEFAULT_METER_METRIC of the hour-meter sampler. */
  HG_BILLING_METER_METRIC: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.-][A-Za-z0-9_.-]{0,63}$/, 'a telemetry metric name, e.g. hour_meter_h')
      .optional(),
  ),
  /** Ingest write path; unset = DEFAULT_INGEST_OPTIONS of telemetry/ingest (batchSize, flushIntervalMs, maxConcurrentWrites). */
  HG_INGEST_BATCH_SIZE: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  HG_INGEST_FLUSH_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  HG_INGEST_WRITE_CONCURRENCY: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1).max(16).optional(),
  ),
  /** Longest graceful stop (flush included) after SIGINT/SIGTERM/SIGHUP before the process exits anyway. */
  HG_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
  /** Lowest level logged: debug, info, warn or error. */
  HG_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Log lines as pino JSON objects (one per line, the default) or as text, for a terminal. */
  HG_LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(['json', 'text']).optional()),
  /**
   * One access-log line per API request (request id, method, path, status, ms, caller) at info;
   * the /health and /metrics probes at debug.
   */
  HG_ACCESS_LOG: z.enum(['on', 'off']).default('on'),
});

/** The environment as validated, one key per variable. */
export type PlatformEnv = z.infer<typeof platformEnvSchema>;

/** Every variable of the schema. */
export type PlatformVariable = keyof PlatformEnv;

/** The names of every variable the platform reads. */
export const PLATFORM_VARIABLES = Object.keys(platformEnvSchema.shape) as PlatformVariable[];
