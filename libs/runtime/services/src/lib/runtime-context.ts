import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DeviceCredentialEvents } from '@hourglass/devices-registry';
import type { PlatformConfig } from '@hourglass/platform-config';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import { openDatabase, type SqlDatabase } from '@hourglass/platform-sql';
import { EmbeddedTelemetryStore, type TelemetryStore } from '@hourglass/telemetry-store';
import { InfluxTelemetryStore } from '@hourglass/telemetry-store-influx';
import { PLATFORM_MIGRATIONS } from './platform-migrations';
import { serviceSecrets, type ServiceAccountName } from './service-accounts';
import { readBuildInfo } from './build-info';
import { processLog, type LogFields, type LogLevel } from './process-log';

/** What every service of a process shares: configuration, databases, metrics and the log. */
export interface RuntimeContext {
  config: PlatformConfig;
  db: SqlDatabase;
  telemetry: TelemetryStore;
  metrics: MetricsRegistry;
  /** Device credential revocations and rotations in this process (the API tells, the broker listens). */
  deviceEvents: DeviceCredentialEvents;
  /**
   * The secret of one of the platform's own MQTT service accounts (`svc-ingest`, `svc-alerts`),
   * derived from the master secret `HG_SERVICE_PASSWORD` (random per process when not configured).
   */
  serviceSecret(account: ServiceAccountName): string;
  log: ProcessLogger;
}

/** A log line, at the level given or the one its words call for, with structured fields. */
export type ProcessLogger = (line: string, level?: LogLevel, fields?: LogFields) => void;

/** A line on stderr through pino, the default log (see {@link processLog}). */
export function stderrLog(line: string, level?: LogLevel, fields?: LogFields): void {
  processLog(line, level, fields);
}

/** Opens the relational database (PGlite or PostgreSQL) and the telemetry store (embedded or InfluxDB). */
export async function openRuntimeContext(
  config: PlatformConfig,
  log: ProcessLogger = stderrLog,
): Promise<RuntimeContext> {
  const dataDir = resolve(config.HG_DATA_DIR);
  const db = await openDatabase({
    databaseUrl: config.HG_DATABASE_URL,
    dataDir,
    migrations: PLATFORM_MIGRATIONS,
  });
  let telemetry: TelemetryStore;
  if (config.telemetry.kind === 'influx') {
    const { url, token, org, bucket } = config.telemetry;
    const influx = new InfluxTelemetryStore({ url, token, org, bucket, log });
    // Retention policies and continuous queries for the 1-minute and 1-hour aggregates (idempotent).
    await influx.prepare();
    telemetry = influx;
  } else {
    telemetry = await EmbeddedTelemetryStore.open(db);
  }
  return {
    config,
    db,
    telemetry,
    metrics: new MetricsRegistry({ build: readBuildInfo() }),
    deviceEvents: new DeviceCredentialEvents(),
    serviceSecret: serviceSecrets(
      config.HG_SERVICE_PASSWORD ?? randomBytes(24).toString('base64url'),
    ),
    log,
  };
}
