import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Orders come from three sources with the same dedupe (the `tasks_one_open` index): the model's
 * warning policy, rule conditions and maintenance plans, each with a reference (model version, rule
 * id, plan id). Risk, predicted RUL and model version are only known to the model's orders.
 */
export const workOrderSourcesSchema: MigrationPart = {
  version: 22,
  name: 'work-order-sources',
  owner: 'maintenance-tasks',
  sql: `
alter table tasks add column source text not null default 'MODEL' check (source in ('MODEL', 'RULE', 'PLAN'));
alter table tasks add column source_ref text;
update tasks set source_ref = model_version;
alter table tasks alter column model_version drop not null;
alter table tasks alter column predicted_rul drop not null;
alter table tasks alter column risk drop not null;
`,
};
