import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Days of `state_events` packed for billing runs (`StateEventDayCompactor`): one row per asset and
 * UTC day holding that day's events in the engine's order, compactly encoded
 * (`state-event-day.codec.ts`). A block holds every event of its day received up to
 * `packed_through`; `max_received_at` is the latest receipt among them, so a run whose cutoff is
 * earlier reads the day's raw rows instead. Raw rows stay: the block is a read-optimised copy.
 */
export const stateEventDaysSchema: MigrationPart = {
  version: 78,
  name: 'state-event-days',
  owner: 'billing-records',
  sql: `
create table state_event_days (
  asset_id text not null,
  tenant_id text not null,
  day date not null,
  packed_through timestamptz not null,
  max_received_at timestamptz not null,
  events integer not null check (events > 0),
  payload bytea not null,
  primary key (asset_id, day)
);
`,
};

/**
 * Events received more than 10 minutes after they were observed. A day is packed no earlier than 10
 * minutes after it ends, so every event received after its block was packed is in this (small)
 * index: what lets a run tell cheaply which blocks miss late events.
 */
export const lateStateEventsSchema: MigrationPart = {
  version: 79,
  name: 'late-state-events',
  owner: 'billing-records',
  sql: `
create index state_events_late on state_events (asset_id, received_at)
  where (received_at - observed_at) > interval '10 minutes';
`,
};
