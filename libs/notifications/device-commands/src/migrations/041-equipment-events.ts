import type { MigrationPart } from '@hourglass/platform-sql';

/** Events equipment reported on `devices/{id}/events`, with the open order each was recorded against. */
export const equipmentEventsSchema: MigrationPart = {
  version: 41,
  name: 'equipment-events',
  owner: 'notifications-device-commands',
  sql: `
create table equipment_events (
  id text primary key,
  tenant_id text not null,
  device_id text not null,
  asset_id text not null,
  order_id text,
  type text not null,
  component text,
  part_number text,
  device_ts timestamptz,
  payload text not null,
  received_at timestamptz not null default now()
);
create index equipment_events_asset on equipment_events (tenant_id, asset_id, received_at);
create index equipment_events_order on equipment_events (order_id) where order_id is not null;
`,
};
