import { join } from 'node:path';
import { coreSchema } from '../migrations/001-core';
import { modelDeploymentsSchema } from '../migrations/002-model-deployments';
import { warningPoliciesSchema } from '../migrations/003-warning-policies';
import { billingRunsSchema } from '../migrations/004-billing-runs';
import { meterCorrectionsSchema } from '../migrations/005-meter-corrections';
import { usersSchema } from '../migrations/006-users';
import { taskCompletionSchema } from '../migrations/007-task-completion';
import { contractEndSchema } from '../migrations/008-contract-end';
import { contractCoverageSchema } from '../migrations/009-contract-coverage';
import { userTokenExpirySchema } from '../migrations/010-user-token-expiry';
import { migrate, type Migration } from './migration';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';
import type { SqlDatabase } from './sql-database';

/** Every migration of the platform, in order. */
export const MIGRATIONS: readonly Migration[] = [coreSchema, modelDeploymentsSchema, warningPoliciesSchema, billingRunsSchema, meterCorrectionsSchema, usersSchema, taskCompletionSchema, contractEndSchema, contractCoverageSchema, userTokenExpirySchema];

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when unset the embedded database is used. */
  databaseUrl?: string;
  /** Data directory of the embedded database (`<dir>/sql`); in memory when unset. */
  dataDir?: string;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<SqlDatabase> {
  const db = options.databaseUrl
    ? await PostgresDatabase.open(options.databaseUrl)
    : await PgliteDatabase.open(options.dataDir ? join(options.dataDir, 'sql') : undefined);
  try {
    await migrate(db, MIGRATIONS);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
