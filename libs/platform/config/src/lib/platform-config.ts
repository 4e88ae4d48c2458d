import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { loadDotEnv } from './dot-env';
import { platformEnvSchema, type PlatformEnv } from './platform-env.schema';

/** Where telemetry is stored: the embedded store (the default) or InfluxDB, with everything it needs. */
export type TelemetryConfig =
  | { kind: 'embedded' }
  | {
      kind: 'influx';
      /** HG_INFLUX_URL */
      url: string;
      /** HG_INFLUX_TOKEN (a v2 token, or `user:password` on 1.x with auth; none without auth). */
      token?: string;
      /** HG_INFLUX_ORG (`-` on 1.x). */
      org: string;
      /** HG_INFLUX_BUCKET (`database/retention-policy` on 1.x). */
      bucket: string;
    };

/**
 * Validated configuration of a process: every variable of the schema, the InfluxDB ones also as
 * {@link TelemetryConfig} (read `telemetry`: it holds org and bucket exactly when InfluxDB is chosen,
 * so no caller needs a cast), and the admin token, generated when none was given.
 */
export interface PlatformConfig extends Omit<PlatformEnv, 'HG_ADMIN_TOKEN'> {
  telemetry: TelemetryConfig;
  HG_ADMIN_TOKEN: string;
  /** True when HG_ADMIN_TOKEN was not set and a random one was made (print it then, never otherwise). */
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

type Problem = { variable: string; message: string };

function telemetryConfig(env: PlatformEnv, problems: Problem[]): TelemetryConfig {
  const {
    HG_INFLUX_URL: url,
    HG_INFLUX_TOKEN: token,
    HG_INFLUX_ORG: org,
    HG_INFLUX_BUCKET: bucket,
  } = env;
  // InfluxDB settings are required only when the InfluxDB driver is chosen.
  if (!url) return { kind: 'embedded' };
  if (!org)
    problems.push({ variable: 'HG_INFLUX_ORG', message: 'required when HG_INFLUX_URL is set' });
  if (!bucket)
    problems.push({ variable: 'HG_INFLUX_BUCKET', message: 'required when HG_INFLUX_URL is set' });
  return org && bucket ? { kind: 'influx', url, token, org, bucket } : { kind: 'embedded' };
}

function crossChecks(env: PlatformEnv, problems: Problem[]): void {
  // The TLS listener needs its certificate and key only when it is switched on.
  if (env.HG_MQTTS_PORT !== undefined) {
    for (const variable of ['HG_MQTT_TLS_CERT', 'HG_MQTT_TLS_KEY'] as const) {
      if (!env[variable])
        problems.push({ variable, message: 'required when HG_MQTTS_PORT is set' });
    }
  }
  if (env.HG_SCORING_REPLICA_INDEX >= env.HG_SCORING_REPLICAS) {
    problems.push({
      variable: 'HG_SCORING_REPLICA_INDEX',
      message: `must be below HG_SCORING_REPLICAS (${env.HG_SCORING_REPLICAS})`,
    });
  }
}

const issueLine = (issue: z.core.$ZodIssue) => `${issue.path.join('.')}: ${issue.message}`;

/**
 * Reads and validates the environment once, failing fast with the variables named. Without an
 * argument it reads the process's environment, after loading `.env` from the working directory
 * when there is one (variables already set win: see {@link loadDotEnv}).
 */
export function loadPlatformConfig(given?: NodeJS.ProcessEnv): PlatformConfig {
  const env = given ?? process.env;
  if (!given) loadDotEnv(resolve('.env'), env);
  const parsed = platformEnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(issueLine));
  const problems: Problem[] = [];
  crossChecks(parsed.data, problems);
  const telemetry = telemetryConfig(parsed.data, problems);
  if (problems.length > 0)
    throw new ConfigError(problems.map((p) => `${p.variable}: ${p.message}`));
  const { HG_ADMIN_TOKEN } = parsed.data;
  return {
    ...parsed.data,
    telemetry,
    HG_ADMIN_TOKEN: HG_ADMIN_TOKEN ?? `hg_${randomBytes(24).toString('base64url')}`,
    adminTokenGenerated: !HG_ADMIN_TOKEN,
  };
}
