import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Tasks become work orders (issue 14): the Maximo-like statuses, the planned date and assignee of a
 * scheduled order, when work started (cancelling is refused after it), the asset type (for its
 * failure codes and bill of materials), and a history of every transition with who and when. The
 * "one open order per asset and component" index now spans every status that is not final.
 * Existing tasks get their asset's type.
 */
export const workOrderLifecycleSchema: MigrationPart = {
  version: 20,
  name: 'work-order-lifecycle',
  owner: 'maintenance-tasks',
  sql: `
alter table tasks drop constraint tasks_status_check;
alter table tasks add constraint tasks_status_check
  check (status in ('OPEN', 'ACKNOWLEDGED', 'SCHEDULED', 'WAITING_PARTS', 'IN_PROGRESS', 'DONE', 'CANCELLED'));
drop index tasks_one_open;
create unique index tasks_one_open on tasks (asset_id, component) where status not in ('DONE', 'CANCELLED');
alter table tasks add column asset_type text;
update tasks set asset_type = (select a.type from assets a where a.id = tasks.asset_id);
alter table tasks add column planned_for timestamptz;
alter table tasks add column assignee text;
alter table tasks add column acknowledged_at timestamptz;
alter table tasks add column started_at timestamptz;
update tasks set started_at = updated_at where status = 'IN_PROGRESS';
create table task_history (
  id bigint generated always as identity primary key,
  task_id text not null references tasks(id),
  tenant_id text not null,
  kind text not null check (kind in ('RAISED', 'TRANSITION', 'ESCALATION')),
  from_status text,
  to_status text not null,
  actor text not null,
  at timestamptz not null default now(),
  detail jsonb
);
create index task_history_task on task_history (task_id, id);
`,
};
