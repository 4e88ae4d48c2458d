export { forEachSqlBackend } from './sql-backends';
