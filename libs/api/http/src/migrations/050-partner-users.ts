import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * The `partner` role of API users (owned by api-http, numbered in the service network's range):
 * a partner user belongs to exactly one service partner and no tenant.
 */
export const partnerUsersSchema: MigrationPart = {
  version: 50,
  name: 'service-network',
  owner: 'api-http',
  sql: `
alter table users add column partner_id text references service_partners(id);
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in
  ('provider-admin', 'provider', 'operator', 'reliability-engineer', 'account-manager', 'customer', 'partner'));
alter table users add constraint users_partner_check check ((role = 'partner') = (partner_id is not null));
`,
};
