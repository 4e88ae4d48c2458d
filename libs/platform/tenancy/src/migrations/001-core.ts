/**
 * Tenants: every other table names its tenant. Shaped as platform-sql's `MigrationPart`, which this
 * domain lib may not import (data access sits above it).
 */
export const coreSchema = {
  version: 1,
  name: 'core',
  owner: 'platform-tenancy',
  sql: `
create table tenants (
  id text primary key,
  name text not null,
  created_at timestamptz not null default now()
);
`,
} as const;
