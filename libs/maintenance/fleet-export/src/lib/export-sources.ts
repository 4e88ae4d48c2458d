import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PlatformConfig } from '@hourglass/platform-config';
import { openDatabase, type SqlDatabase } from '@hourglass/platform-sql';
import {
  EmbeddedTelemetryStore,
  TelemetryStoreError,
  type TelemetryStore,
} from '@hourglass/telemetry-store';
import { InfluxTelemetryStore } from '@hourglass/telemetry-store-influx';
import { FleetExportError } from './fleet-export-errors';

/** The platform's stores, opened for reading by an export. */
export interface ExportSources {
  db: SqlDatabase;
  telemetry: TelemetryStore;
  /** Says which stores were opened, for the command's first line. */
  description: string;
  close(): Promise<void>;
}

/**
 * Opens the stores the services use under `config`: PostgreSQL (`HG_DATABASE_URL`) or the embedded
 * database in `HG_DATA_DIR`, and InfluxDB (`HG_INFLUX_*`) or the embedded telemetry table. Unlike
 * the services it changes no InfluxDB retention setting, and it refuses an `HG_DATA_DIR` with no
 * database rather than creating an empty one.
 *
 * @throws FleetExportError `STORE_UNREACHABLE` naming the store (retryable when a server did not answer).
 */
export async function openExportSources(config: PlatformConfig): Promise<ExportSources> {
  const dataDir = resolve(config.HG_DATA_DIR);
  if (!config.HG_DATABASE_URL && !existsSync(join(dataDir, 'sql'))) {
    throw new FleetExportError(
      'STORE_UNREACHABLE',
      `no embedded database in ${join(dataDir, 'sql')} (HG_DATA_DIR); set HG_DATA_DIR to the platform's data directory, or HG_DATABASE_URL`,
    );
  }
  let db: SqlDatabase;
  try {
    db = await openDatabase({ databaseUrl: config.HG_DATABASE_URL, dataDir, migrations: [] });
  } catch (error) {
    const where = config.HG_DATABASE_URL
      ? 'PostgreSQL (HG_DATABASE_URL)'
      : `the embedded database in ${dataDir}`;
    throw new FleetExportError(
      'STORE_UNREACHABLE',
      `${where} unreachable: ${(error as Error).message}`,
      true,
      {
        cause: error,
      },
    );
  }
  try {
    const telemetry = await openTelemetry(config, db);
    const sql = config.HG_DATABASE_URL ? 'PostgreSQL' : `embedded database in ${dataDir}`;
    return {
      db,
      telemetry,
      description: `${sql}, telemetry in ${telemetry.kind === 'influxdb' ? `InfluxDB ${config.HG_INFLUX_URL} (${config.HG_INFLUX_BUCKET})` : 'the embedded store'}`,
      close: async () => {
        await telemetry.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function openTelemetry(config: PlatformConfig, db: SqlDatabase): Promise<TelemetryStore> {
  if (config.telemetry.kind === 'embedded') return EmbeddedTelemetryStore.open(db);
  const { url, token, org, bucket } = config.telemetry;
  const influx = new InfluxTelemetryStore({ url, token, org, bucket, log: () => undefined });
  try {
    await influx.ping();
  } catch (error) {
    const retryable = error instanceof TelemetryStoreError ? error.retryable : true;
    throw new FleetExportError(
      'STORE_UNREACHABLE',
      `InfluxDB (HG_INFLUX_URL ${url}, bucket ${bucket}): ${(error as Error).message}`,
      retryable,
      { cause: error },
    );
  }
  return influx;
}
