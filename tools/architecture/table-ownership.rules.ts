/** Tables created at run time rather than by migrations, by the lib that creates them. */
export const RUNTIME_TABLES: Readonly<Record<string, readonly string[]>> = {
  // The embedded telemetry store creates its tables when it opens (embedded-telemetry.sql.ts).
  'libs/telemetry/store': ['telemetry', 'telemetry_1m', 'telemetry_1h', 'telemetry_rollup_pending'],
  // The runner's own bookkeeping (migration.ts).
  'libs/platform/sql': ['schema_migrations'],
};
