import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Maintenance commands queued by processes without an MQTT connection (scoring, api, more than one
 * of each): the maintenance process relays them to the broker. An `ORDERS` row says only which
 * asset's open orders changed (the relay publishes the list as it is then); a `REMINDER` row carries
 * its command. Rows are claimed with a lease and deleted once published.
 */
export const deviceCommandOutboxSchema: MigrationPart = {
  version: 25,
  name: 'device-command-outbox',
  owner: 'notifications-device-commands',
  sql: `
create table device_command_outbox (
  id bigint generated always as identity primary key,
  tenant_id text not null,
  asset_id text not null,
  kind text not null check (kind in ('ORDERS', 'REMINDER')),
  payload text,
  queued_at timestamptz not null default now(),
  locked_until timestamptz
);
create index device_command_outbox_due on device_command_outbox (id) where locked_until is null;
`,
};
