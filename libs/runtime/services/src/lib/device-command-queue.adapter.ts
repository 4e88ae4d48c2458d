import { DeviceCommandOutboxRepository } from '@hourglass/notifications-device-commands';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { PlanNotice, PlanReminderConsumer } from './plan-notifications';
import type { WorkOrderConsumer, WorkOrderNotice } from './work-order-notifications';

/**
 * The device side of a process that does not speak MQTT (scoring, api, maintenance apart from its
 * relay): work-order notices and plan reminders go to the device command outbox, and the
 * maintenance process's relay publishes them (`startDeviceCommandRelay`).
 */
export class QueueingDeviceCommands implements WorkOrderConsumer, PlanReminderConsumer {
  private readonly outbox: DeviceCommandOutboxRepository;

  constructor(db: SqlDatabase) {
    this.outbox = new DeviceCommandOutboxRepository(db);
  }

  async onWorkOrder(notice: WorkOrderNotice): Promise<void> {
    await this.outbox.ordersChanged(notice.order);
  }

  async onPlanReminder(notice: PlanNotice): Promise<void> {
    await this.outbox.reminder(notice);
  }
}
