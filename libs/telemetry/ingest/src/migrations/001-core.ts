import type { MigrationPart } from '@hourglass/platform-sql';

/** Dead letters: rejected telemetry, kept with the reason. */
export const coreSchema: MigrationPart = {
  version: 1,
  name: 'core',
  owner: 'telemetry-ingest',
  sql: `
create table dead_letters (
  id bigserial primary key,
  device_id text,
  topic text not null,
  reason text not null,
  detail text not null,
  payload text not null,
  received_at timestamptz not null default now()
);
create index dead_letters_received on dead_letters (received_at desc);
`,
};
