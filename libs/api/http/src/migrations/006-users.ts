import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Named API users with their own bearer tokens, so audits name who changed what.
 * Provider staff have no tenant; a customer's users belong to exactly one. Tokens are kept only as
 * the SHA-256 of the secret (hex): the secret is shown once, when it is issued. A user is never
 * deleted (audits keep naming it): disabling stamps `disabled_at` and revokes its tokens.
 * Names are unique case-insensitively because audits record the name.
 */
export const usersSchema: MigrationPart = {
  version: 6,
  name: 'users',
  owner: 'api-http',
  sql: `
create table users (
  id text primary key,
  name text not null,
  tenant_id text references tenants(id),
  role text not null check (role in ('provider-admin', 'provider', 'customer')),
  created_by text not null,
  created_at timestamptz not null default now(),
  disabled_at timestamptz,
  disabled_by text,
  check ((role = 'customer') = (tenant_id is not null))
);
create unique index users_name on users (lower(name));
create index users_tenant on users (tenant_id);

create table user_tokens (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  user_id text not null references users(id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index user_tokens_user on user_tokens (user_id);
`,
};
