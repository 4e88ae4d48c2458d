import type { MigrationPart } from '@hourglass/platform-sql';

/** The order columns the repeat flags depend on (of every order in an asset and component). */
const INPUTS = 'id, asset_id, component, tenant_id, asset_type, created_at, completed_at';

/** Another order on `d`'s asset and component raised within 30 days after `d`'s completion. */
const REPEAT = (d: string, alike: boolean) => `${d}.completed_at is not null and exists (
    select 1 from tasks r
    where r.asset_id = ${d}.asset_id and r.component = ${d}.component and r.id <> ${d}.id
      and r.created_at >= ${d}.completed_at and r.created_at < ${d}.completed_at + interval '720 hours'
      ${alike ? `and r.tenant_id = ${d}.tenant_id and r.asset_type is not distinct from ${d}.asset_type` : ''})`;

/** The repeat flags of the orders `ids` selects; orders whose flags are unchanged are not written. */
const refreshRepeats = (ids: string) => `
update tasks t set repeat_raised = c.repeat_raised, repeat_raised_alike = c.repeat_raised_alike
from (
  select d.id, ${REPEAT('d', false)} as repeat_raised, ${REPEAT('d', true)} as repeat_raised_alike
  from tasks d where d.id in (${ids})) c
where t.id = c.id
  and (t.repeat_raised, t.repeat_raised_alike) is distinct from (c.repeat_raised, c.repeat_raised_alike)`;

/**
 * The orders whose flags the rows of `written` (a relation with {@link INPUTS}) can change: those
 * rows themselves, and the orders on their asset and component completed within 30 days before
 * one of them was raised (an index scan per row, not the whole asset and component).
 */
const affected = (written: string) => `
select d.id from (${written}) w join tasks d on d.asset_id = w.asset_id and d.component = w.component
  and d.completed_at <= w.created_at and d.completed_at > w.created_at - interval '720 hours'
union select id from (${written}) w`;

/** The rows whose inputs an update changed, as they were and as they are. */
const CHANGED = `
(select ${INPUTS} from after_rows except select ${INPUTS} from before_rows)
union all
(select ${INPUTS} from before_rows except select ${INPUTS} from after_rows)`;

/**
 * Each order carries whether it was repeated (issue 14): first-time fix counts the done orders with
 * no other order on the same asset and component raised within 30 days after their completion,
 * which `WorkOrderFigureRepository` found with an anti-join per done order (0.63 s of 2.46 s at
 * 100,000 assets). `repeat_raised` is that test over every order; `repeat_raised_alike` the same
 * over the orders of the same tenant and asset type only, so it holds in every scope its order is
 * in (a tenant, an asset type); the figures probe only orders where the two differ. Back-filled
 * with the same definition; kept by statement triggers on every insert, update and delete of
 * orders, in the writing transaction, for the orders a written row can change.
 */
export const orderRepeatFlagsSchema: MigrationPart = {
  version: 75,
  name: 'order-repeat-flags',
  owner: 'maintenance-tasks',
  sql: `
alter table tasks add column repeat_raised boolean not null default false;
alter table tasks add column repeat_raised_alike boolean not null default false;
${refreshRepeats('select id from tasks where completed_at is not null')};
create function tasks_repeats_inserted() returns trigger language plpgsql as $body$
begin
  ${refreshRepeats(affected('select * from after_rows'))};
  return null;
end
$body$;
create function tasks_repeats_updated() returns trigger language plpgsql as $body$
begin
  -- Its own writes (the flags only) change no input: stop there, or it would fire itself forever.
  if not exists (${CHANGED}) then
    return null;
  end if;
  ${refreshRepeats(affected(CHANGED))};
  return null;
end
$body$;
create function tasks_repeats_deleted() returns trigger language plpgsql as $body$
begin
  ${refreshRepeats(affected('select * from before_rows'))};
  return null;
end
$body$;
create trigger tasks_repeats_insert after insert on tasks
  referencing new table as after_rows for each statement execute function tasks_repeats_inserted();
create trigger tasks_repeats_update after update on tasks
  referencing old table as before_rows new table as after_rows
  for each statement execute function tasks_repeats_updated();
create trigger tasks_repeats_delete after delete on tasks
  referencing old table as before_rows for each statement execute function tasks_repeats_deleted();
`,
};
