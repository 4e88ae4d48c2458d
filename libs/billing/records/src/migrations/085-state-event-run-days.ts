import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * RUN time per asset and closed UTC day (`RunDayRollupJob`), as `RunTimeQuery` computes it for that
 * day with `timeout_us` as the heartbeat timeout: what whole-book reads (customer success's hours)
 * sum instead of walking raw `state_events`. `cum_run_us` is the running total since `chain_start`
 * (the first day of the run of consecutive days it was computed over), so a span of days costs two
 * rows: `cum(b) - cum(a) + run(a)`. A row holds the events received up to `computed_through`; a
 * later event observed before the day's end (in the late-event index, migration 79) makes it stale
 * until the job computes it again. Raw rows stay the reference.
 */
export const stateEventRunDaysSchema: MigrationPart = {
  version: 85,
  name: 'state-event-run-days',
  owner: 'billing-records',
  sql: `
create table state_event_run_days (
  asset_id text not null,
  tenant_id text not null,
  day date not null,
  timeout_us bigint not null,
  run_us bigint not null check (run_us >= 0),
  cum_run_us bigint not null,
  chain_start date not null,
  computed_through timestamptz not null,
  primary key (asset_id, day)
);
`,
};
