import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Warning policies gain K of N (`consecutive` of the last `window` scores; null window = K of K, the
 * old "K in a row"), a clear threshold (hysteresis; null = the raise threshold) and a cooldown after
 * an order closes. Orders carry the parts their component's bill of materials says they will need.
 */
export const warningPolicyWindowSchema: MigrationPart = {
  version: 23,
  name: 'warning-policy-window',
  owner: 'maintenance-tasks',
  sql: `
alter table warning_policies add column window_size integer check (window_size >= 1);
alter table warning_policies add column clear_threshold double precision check (clear_threshold >= 0 and clear_threshold <= 1);
alter table warning_policies add column cooldown_hours double precision not null default 0 check (cooldown_hours >= 0);
alter table tasks add column parts_needed jsonb;
`,
};
