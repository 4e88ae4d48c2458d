import { TaskRepository } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { CompletedOrderPort } from '@hourglass/success-customer';

/** Customer success's view of work orders, built on `TaskRepository` (maintenance/tasks). */
export function completedOrderAdapter(db: SqlDatabase): CompletedOrderPort {
  const tasks = new TaskRepository(db);
  return {
    order: async (scope, taskId) => {
      const task = await tasks.get(scope, taskId);
      return task
        ? {
            taskId: task.id,
            tenantId: task.tenantId,
            assetId: task.assetId,
            completedAt: task.status === 'DONE' ? task.completedAt : null,
          }
        : null;
    },
  };
}
