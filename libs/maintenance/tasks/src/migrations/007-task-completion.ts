import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * When a task was completed, apart from `updated_at`, which any later edit (a cost set afterwards,
 * a corrected outcome) moves. Contract health dates a task's cost by it and the fleet export dates
 * replacement labels by it. Set when a task becomes `DONE`, kept while it stays `DONE`, cleared
 * when it leaves `DONE` (a reopened task is not completed). Tasks already `DONE` are backfilled
 * with `updated_at`: the best record there is of when they were closed.
 */
export const taskCompletionSchema: MigrationPart = {
  version: 7,
  name: 'task-completion',
  owner: 'maintenance-tasks',
  sql: `
alter table tasks add column completed_at timestamptz;
update tasks set completed_at = updated_at where status = 'DONE';
`,
};
