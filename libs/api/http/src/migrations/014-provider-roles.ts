import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * The provider's staff by what they do: `operator`, `reliability-engineer` and `account-manager`
 * see every tenant and may change what `provider` may (the console shows each its own home).
 * The column's check is replaced: PostgreSQL names an unnamed column check `users_role_check`.
 */
export const providerRolesSchema: MigrationPart = {
  version: 14,
  name: 'provider-roles',
  owner: 'api-http',
  sql: `
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in
  ('provider-admin', 'provider', 'operator', 'reliability-engineer', 'account-manager', 'customer'));
`,
};
