import type { MigrationPart } from '@hourglass/platform-sql';

/** Tasks get a cost, for the service margin of uptime billing runs. */
export const taskCostSchema: MigrationPart = {
  version: 4,
  name: 'billing-runs',
  owner: 'maintenance-tasks',
  sql: `
alter table tasks add column cost numeric(18, 2) not null default 0;
`,
};
