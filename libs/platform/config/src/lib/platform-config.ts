import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.string().url().optional())
  .optional();

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalPort = z.preprocess(blankToUndefined, port.optional());
const optionalCount = z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional());
const optionalText = z.preprocess(blankToUndefined, z.string().optional());

/** The environment of every Hourglass process; see README "Configuration". */
const schema = z
  .object({
    HG_HTTP_PORT: port.default(8080),
    HG_MQTT_PORT: port.default(1883),
    /** `/livez`, `/readyz`, `/metrics` of the standalone broker and ingest processes; unset = 9181 (broker), 9182 (ingest). */
    HG_PROBE_PORT: optionalPort,
    HG_HOST: z.string().default('127.0.0.1'),
    HG_DATA_DIR: z.string().min(1).default('./.hourglass'),
    HG_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    HG_INFLUX_URL: optionalUrl,
    HG_INFLUX_TOKEN: z.string().optional(),
    HG_INFLUX_ORG: z.string().optional(),
    HG_INFLUX_BUCKET: z.string().optional(),
    HG_DATABASE_URL: optionalUrl,
    HG_REDIS_URL: optionalUrl,
    /** Broker the standalone ingest and alerts services connect to (default: the local HG_MQTT_PORT). */
    HG_MQTT_URL: optionalUrl,
    /** Shared-subscription group of standalone ingest workers; unset = one worker takes everything. */
    HG_INGEST_SHARE_GROUP: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
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
    HG_MQTT_CONNECTION_RATE_PER_IP: optionalCount,
    HG_MQTT_MAX_CONNECTIONS_PER_IP: optionalCount,
    /** Comma-separated addresses exempt from the per-IP limits (default: loopback). */
    HG_MQTT_TRUSTED_IPS: optionalText,
    HG_SIMULATOR: z.enum(['cmapss', 'off']).default('cmapss'),
    HG_SIM_DEVICES: z.coerce.number().int().min(1).max(100_000).default(10),
    HG_SIM_SPEED: z.coerce.number().positive().max(1_000).default(2),
    HG_MODEL_DIR: z.string().default('models'),
    HG_SCORING_INTERVAL_MS: z.coerce.number().int().min(50).default(2_000),
    HG_RISK_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
    HG_RISK_CONSECUTIVE: z.coerce.number().int().min(1).default(3),
    /** Scoring replicas sharing the assets (each asset is scored by exactly one). */
    HG_SCORING_REPLICAS: z.coerce.number().int().min(1).max(1_024).default(1),
    /** This replica's index in [0, HG_SCORING_REPLICAS). */
    HG_SCORING_REPLICA_INDEX: z.coerce.number().int().min(0).default(0),
    HG_BILLING_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
    /** The telemetry metric carrying a device's hour meter in hours; ingest stores its readings as HOUR_METER billing events. */
    HG_BILLING_METER_METRIC: z.string().regex(/^[A-Za-z0-9.-][A-Za-z0-9_.-]{0,63}$/, 'a telemetry metric name, e.g. hour_meter_h').default('hour_meter_h'),
    HG_INGEST_BATCH_SIZE: z.coerce.number().int().min(1).default(5_000),
    HG_INGEST_FLUSH_MS: z.coerce.number().int().min(1).default(200),
    HG_INGEST_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  })
  .superRefine((env, ctx) => {
    // The TLS listener needs its certificate and key only when it is switched on.
    if (env.HG_MQTTS_PORT !== undefined) {
      for (const key of ['HG_MQTT_TLS_CERT', 'HG_MQTT_TLS_KEY'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when HG_MQTTS_PORT is set' });
      }
    }
    if (env.HG_SCORING_REPLICA_INDEX >= env.HG_SCORING_REPLICAS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HG_SCORING_REPLICA_INDEX'],
        message: `must be below HG_SCORING_REPLICAS (${env.HG_SCORING_REPLICAS})`,
      });
    }
    // InfluxDB settings are required only when the InfluxDB driver is chosen.
    if (!env.HG_INFLUX_URL) return;
    for (const key of ['HG_INFLUX_ORG', 'HG_INFLUX_BUCKET'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when HG_INFLUX_URL is set' });
    }
  });

export type PlatformEnv = z.infer<typeof schema>;

/** Validated configuration, with the generated admin token when none was given. */
export interface PlatformConfig extends PlatformEnv {
  HG_ADMIN_TOKEN: string;
  adminTokenGenerated: boolean;
}

/** A configuration error naming every offending variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once, failing fast with the variables named. */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const generated = !parsed.data.HG_ADMIN_TOKEN;
  return {
    ...parsed.data,
    HG_ADMIN_TOKEN: parsed.data.HG_ADMIN_TOKEN ?? `hg_${randomBytes(24).toString('base64url')}`,
    adminTokenGenerated: generated,
  };
}
