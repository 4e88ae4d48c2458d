import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * The recorded outcomes of the touch calendar (spec section 4). Touches are derived from the
 * stage rules, not stored; an outcome is kept under the touch's stable id (rule, subject, due date),
 * one per touch, the latest recording replacing the earlier one.
 */
export const touchOutcomesSchema: MigrationPart = {
  version: 63,
  name: 'touch-outcomes',
  owner: 'success-customer',
  sql: `
create table touch_outcomes (
  touch_id text primary key,
  tenant_id text not null,
  outcome text not null check (outcome in ('DONE', 'NO_RESPONSE', 'DECLINED', 'NOT_NEEDED')),
  note text,
  recorded_by text not null,
  recorded_at timestamptz not null default now()
);
create index touch_outcomes_tenant on touch_outcomes (tenant_id);
`,
};
