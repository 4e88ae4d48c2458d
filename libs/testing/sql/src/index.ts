export { forEachSqlBackend } from './sql-backends';
export {
  allMigrations,
  discoverMigrationParts,
  migrationLibs,
  migratedDataDir,
  migrationsBefore,
  openTestDatabase,
  type MigrationLib,
} from './platform-schema';
export { migratedDump, schemaKey, seedMigratedDataDir } from './pglite-snapshot';
