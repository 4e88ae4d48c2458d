import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Each order carries the cost of the parts it used (issue 14): the sum of quantity x unit cost of
 * `parts_used` (0 without prices or parts), as the KPI lib sums them and as
 * `WorkOrderFigureRepository` computed it per done order on every call (a subquery over the JSON of
 * 290,000 orders a year at 100,000 assets). A stored generated column: PostgreSQL computes it for
 * the rows there are (the back-fill) and on every write of `parts_used`, whoever writes it.
 */
export const orderPartsCostSchema: MigrationPart = {
  version: 74,
  name: 'order-parts-cost',
  owner: 'maintenance-tasks',
  sql: `
create function tasks_parts_cost(parts jsonb) returns numeric language sql immutable as $body$
  select coalesce(sum((p->>'quantity')::numeric * coalesce(nullif(p->>'unitCost', '')::numeric, 0)), 0)
  from jsonb_array_elements(case when jsonb_typeof(parts) = 'array' then parts else '[]'::jsonb end) p
$body$;
alter table tasks add column parts_cost numeric generated always as (tasks_parts_cost(parts_used)) stored;
`,
};
