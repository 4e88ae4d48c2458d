export * from './lib/sql-database';
export * from './lib/migration';
export * from './lib/pglite-database';
export * from './lib/postgres-database';
export * from './lib/open-database';
