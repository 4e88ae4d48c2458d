import type { MaintenanceOrderSummary } from '@hourglass/contracts-wire';
import type { DeviceRepository } from '@hourglass/devices-registry';
import type { TaskRepository } from '@hourglass/maintenance-tasks';
import type { DeviceOrdersPort, MaintenanceCommandPublisher } from '@hourglass/notifications-device-commands';
import { tenantScope } from '@hourglass/platform-tenancy';
import type { PlanNotice, PlanReminderConsumer } from './plan-notifications';
import type { WorkOrderConsumer, WorkOrderNotice } from './work-order-notifications';

const CLOSED = new Set(['DONE', 'CANCELLED']);

/**
 * {@link DeviceOrdersPort} over the registry and the task repository: today every asset is the
 * device it was provisioned with (same id), and an order is open until DONE or CANCELLED.
 */
export class TaskDeviceOrders implements DeviceOrdersPort {
  constructor(
    private readonly devices: DeviceRepository,
    private readonly tasks: TaskRepository,
  ) {}

  async deviceOf(tenantId: string, assetId: string): Promise<string | null> {
    const device = await this.devices.get(tenantScope(tenantId), assetId);
    return device && !device.revokedAt ? device.id : null;
  }

  async openOrders(tenantId: string, assetId: string): Promise<MaintenanceOrderSummary[]> {
    const tasks = await this.tasks.list(tenantScope(tenantId), { assetId });
    return tasks
      .filter((t) => !CLOSED.has(t.status))
      .reverse()
      .map((t) => ({ orderId: t.id, component: t.component, status: t.status, priority: t.priority, replaceBy: t.replaceBy }));
  }
}

/** The device side as a consumer of work-order notices and plan reminders. */
export class DeviceCommandConsumer implements WorkOrderConsumer, PlanReminderConsumer {
  constructor(private readonly commands: MaintenanceCommandPublisher) {}

  async onWorkOrder(notice: WorkOrderNotice): Promise<void> {
    await this.commands.orderChanged(notice.order);
  }

  async onPlanReminder(notice: PlanNotice): Promise<void> {
    await this.commands.reminder(notice);
  }
}
