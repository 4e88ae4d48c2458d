import type { MaintenanceOrderSummary } from '@hourglass/contracts-wire';
import type { DeviceRepository } from '@hourglass/devices-registry';
import type { TaskRepository, WorkOrderService } from '@hourglass/maintenance-tasks';
import type {
  DeviceOrdersPort,
  EquipmentEvent,
  EquipmentEventRepository,
  EquipmentEventSink,
  MaintenanceCommandPublisher,
} from '@hourglass/notifications-device-commands';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
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
      .map((t) => ({
        orderId: t.id,
        component: t.component,
        status: t.status,
        priority: t.priority,
        replaceBy: t.replaceBy,
      }));
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

/**
 * {@link EquipmentEventSink} over the registry and the task repository: the device's asset (same
 * id), the open order it names or else the asset's open order of the event's component, and an
 * `equipment_events` row recording the event against it (null when no order is open), and a `NOTE`
 * in that order's history (actor `device:{id}`), so the order's readers see what the equipment said.
 */
export class TaskEquipmentEventSink implements EquipmentEventSink {
  constructor(
    private readonly devices: DeviceRepository,
    private readonly tasks: TaskRepository,
    private readonly events: EquipmentEventRepository,
    private readonly orders: Pick<WorkOrderService, 'note'>,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  async record(event: EquipmentEvent): Promise<void> {
    const device = await this.devices.get(PROVIDER_SCOPE, event.deviceId);
    if (!device) return this.log(`equipment events: unknown device ${event.deviceId}`);
    const open = (
      await this.tasks.list(tenantScope(device.tenantId), { assetId: device.id })
    ).filter((t) => !CLOSED.has(t.status));
    const order =
      open.find((t) => t.id === event.orderId) ??
      open.find((t) => event.component !== null && t.component === event.component);
    await this.events.insert(event, {
      tenantId: device.tenantId,
      assetId: device.id,
      orderId: order?.id ?? null,
    });
    if (order)
      await this.orders.note(
        tenantScope(device.tenantId),
        order.id,
        `device:${device.id}`,
        describeEvent(event),
      );
  }
}

/** The history note of an equipment event: its type, and the component and part it names. */
function describeEvent(event: EquipmentEvent): string {
  const what = [
    event.component && `component ${event.component}`,
    event.partNumber && `part ${event.partNumber}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `equipment event ${event.type}${what ? `: ${what}` : ''}`;
}
