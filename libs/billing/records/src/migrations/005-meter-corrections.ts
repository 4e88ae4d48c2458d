import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Hour-meter readings and corrections (uptime-billing spec §1, §3.3, §3.5):
 * - `state_events` also holds `HOUR_METER` readings (`meter_hours`, no state), written by ingest
 *   from the device's hour-meter metric; a partial index finds an asset's last reading before a
 *   period (the carry-in) without walking its whole history.
 * - `billing_corrections` holds `CORRECTION` events: each names the event it supersedes (its id,
 *   `<kind>@<observed µs>` or an earlier correction's id) and carries the corrected state or meter
 *   reading, with reason and author. The superseded event stays stored; the engine applies the
 *   correction. One correction per superseded event (a later one corrects the correction).
 * The new checks are `not valid`: rows already stored satisfy them, and validating would scan
 * `state_events` inside the migration's transaction.
 */
export const meterCorrectionsSchema: MigrationPart = {
  version: 5,
  name: 'meter-corrections',
  owner: 'billing-records',
  sql: `
alter table state_events drop constraint state_events_kind_check;
alter table state_events add constraint state_events_kind_check check (kind in ('STATE', 'HEARTBEAT', 'HOUR_METER')) not valid;
alter table state_events alter column state drop not null;
alter table state_events add column meter_hours double precision;
alter table state_events add constraint state_events_payload_check
  check (case when kind = 'HOUR_METER' then meter_hours is not null and meter_hours >= 0 else state is not null end) not valid;
create index state_events_meter on state_events (asset_id, observed_at) where kind = 'HOUR_METER';

create table billing_corrections (
  id text primary key,
  asset_id text not null references assets(id),
  tenant_id text not null,
  source text not null default 'telemetry',
  supersedes text not null,
  observed_at timestamptz not null,
  state text,
  meter_hours double precision,
  reason text not null,
  author text not null,
  received_at timestamptz not null default now(),
  check ((state is null) <> (meter_hours is null)),
  check (meter_hours is null or meter_hours >= 0)
);
create unique index billing_corrections_supersedes on billing_corrections (asset_id, source, supersedes);
create index billing_corrections_asset on billing_corrections (asset_id, observed_at);
create index billing_corrections_received on billing_corrections (received_at);
`,
};
