import type { MigrationPart } from '@hourglass/platform-sql';

/** Milliseconds as the order log reads them (rounded, as `WorkOrderFigureRepository` did). */
const ROUND_MS = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;

/**
 * Each order's repair figures from its whole history, for the orders `tasks` selects: the summed
 * IN_PROGRESS spells (a spell ends at the next entry by time, then id; one still open counts
 * nothing) and whether any entry is IN_PROGRESS. Orders whose figures are unchanged are not written.
 */
const refreshRepairTime = (tasks: string) => `
update tasks t set repair_ms = c.ms, had_repair = c.had
from (
  select task_id,
    coalesce(sum(${ROUND_MS('next_at')} - ${ROUND_MS('at')})
      filter (where to_status = 'IN_PROGRESS' and next_at is not null), 0) as ms,
    bool_or(to_status = 'IN_PROGRESS') as had
  from (
    select x.task_id, x.to_status, x.at,
      lead(x.at) over (partition by x.task_id order by x.at, x.id) as next_at
    from task_history x where x.task_id in (${tasks})) s
  group by task_id) c
where t.id = c.task_id and (t.repair_ms, t.had_repair) is distinct from (c.ms, c.had)`;

/**
 * Each order carries its repair time (issue 14): MTTR's figures read `repair_ms` and `had_repair`
 * of the done orders instead of a window over every done order's history (about half of the KPI
 * order figures' time at 100,000 assets). Back-filled from the history with the same definition;
 * kept by a statement trigger on `task_history`, so every writer of the history (transitions,
 * raises, closing a replaced unit's orders, bulk loads) updates them in its own transaction, and
 * entries written out of time order still give the definition's figures. The history is
 * append-only (nothing updates or deletes its rows), so inserts are all there is to follow.
 */
export const orderRepairTimeSchema: MigrationPart = {
  version: 71,
  name: 'order-repair-time',
  owner: 'maintenance-tasks',
  sql: `
alter table tasks add column repair_ms bigint not null default 0;
alter table tasks add column had_repair boolean not null default false;
${refreshRepairTime('select task_id from task_history')};
create function tasks_refresh_repair_time() returns trigger language plpgsql as $body$
begin
  ${refreshRepairTime('select distinct task_id from written')};
  return null;
end
$body$;
create trigger task_history_repair_time after insert on task_history
  referencing new table as written for each statement execute function tasks_refresh_repair_time();
`,
};
