import type { MigrationPart } from '@hourglass/platform-sql';

/** Devices with their hashed credentials, and the assets they report for. */
export const coreSchema: MigrationPart = {
  version: 1,
  name: 'core',
  owner: 'devices-registry',
  sql: `
create table devices (
  id text primary key,
  tenant_id text not null references tenants(id),
  type text not null,
  username text not null unique,
  password_hash text not null,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table assets (
  id text primary key,
  tenant_id text not null references tenants(id),
  device_id text not null references devices(id),
  type text not null,
  state text,
  last_seen timestamptz,
  installed_at timestamptz,
  created_at timestamptz not null default now()
);
create index assets_tenant on assets (tenant_id);
`,
};
