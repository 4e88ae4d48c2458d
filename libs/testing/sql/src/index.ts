export { forEachSqlBackend } from './sql-backends';
export {
  allMigrations,
  discoverMigrationParts,
  migrationLibs,
  migrationsBefore,
  openTestDatabase,
  type MigrationLib,
} from './platform-schema';
