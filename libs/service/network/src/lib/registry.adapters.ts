import type { AssetRepository } from '@hourglass/devices-registry';
import type { TaskRepository } from '@hourglass/maintenance-tasks';
import type { Scope } from '@hourglass/platform-tenancy';
import type { CommissionedAsset, LoggedOrder } from './service-figures.types';
import type { CommissionedAssetSource, WorkOrderSource } from './service-network.ports';
import type { AssignedOrder } from './service-network.types';

/** Work orders read through `maintenance/tasks`' repository (the service network names no table of it). */
export class TaskOrderSource implements WorkOrderSource {
  constructor(private readonly tasks: TaskRepository) {}

  async order(scope: Scope, id: string): Promise<AssignedOrder | null> {
    const task = await this.tasks.get(scope, id);
    if (!task) return null;
    return {
      orderId: task.id,
      tenantId: task.tenantId,
      assetId: task.assetId,
      assetType: task.assetType ?? 'unknown',
      component: task.component,
      priority: task.priority,
    };
  }

  async ordersCreated(scope: Scope, from: number, to: number): Promise<LoggedOrder[]> {
    return (await this.tasks.list(scope))
      .map((t) => ({
        id: t.id,
        assetId: t.assetId,
        component: t.component,
        createdAt: Date.parse(t.createdAt),
      }))
      .filter((o) => o.createdAt >= from && o.createdAt < to);
  }
}

/** Assets with their registration as commissioning, read through the registry's repository. */
export class RegistryAssetSource implements CommissionedAssetSource {
  constructor(private readonly registry: AssetRepository) {}

  async assets(scope: Scope): Promise<CommissionedAsset[]> {
    const ids = (await this.registry.list(scope)).map((a) => a.id);
    return (await this.registry.byIds(ids)).map((a) => ({
      assetId: a.id,
      assetType: a.type,
      commissionedAt: Math.floor(a.registeredAtUs / 1000),
    }));
  }
}
