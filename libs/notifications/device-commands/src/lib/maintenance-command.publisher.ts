import {
  maintenanceCommandTopic,
  type MaintenanceOrderSummary,
  type MaintenanceOrdersCommand,
  type MaintenanceReminderCommand,
} from '@hourglass/contracts-wire';

/** Publishes one MQTT message (QoS 1) through the platform's service account or in-process broker. */
export type MqttPublish = (
  topic: string,
  payload: string,
  options: { retain: boolean },
) => Promise<void>;

/** The open orders of an asset and the device that shows them (the runtime adapts the work-order side). */
export interface DeviceOrdersPort {
  /** The device of an asset, or null when it has none. */
  deviceOf(tenantId: string, assetId: string): Promise<string | null>;
  /** The asset's orders that are still open, oldest first. */
  openOrders(tenantId: string, assetId: string): Promise<MaintenanceOrderSummary[]>;
}

/** An order that changed: only which asset it is on matters, the port gives the current state. */
export interface ChangedOrder {
  tenantId: string;
  assetId: string;
}

/** A plan reminder for an asset. */
export interface AssetReminder {
  tenantId: string;
  assetId: string;
  planId: string;
  component: string;
  dueDate: string;
  daysBefore?: number;
}

/**
 * What equipment shows its operator, on `devices/{id}/commands/maintenance`. One topic holds one
 * retained message, so it carries all of the asset's open orders: republished (retained) whenever
 * one of them changes, and cleared with a retained empty payload (MQTT 3.1.1 §3.3.1.3) when none is
 * left; a device connecting later gets the current list at once. Reminders are sent without retain,
 * so they never replace the open orders' message.
 */
export class MaintenanceCommandPublisher {
  constructor(
    private readonly publish: MqttPublish,
    private readonly orders: DeviceOrdersPort,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Republishes the open orders of the asset `order` is on (or clears them). Returns the topic, null without a device. */
  async orderChanged(order: ChangedOrder): Promise<string | null> {
    const deviceId = await this.orders.deviceOf(order.tenantId, order.assetId);
    if (!deviceId) return null;
    const topic = maintenanceCommandTopic(deviceId);
    const open = await this.orders.openOrders(order.tenantId, order.assetId);
    const command: MaintenanceOrdersCommand = {
      type: 'orders',
      orders: open,
      updatedAt: this.now().toISOString(),
    };
    await this.publish(topic, open.length === 0 ? '' : JSON.stringify(command), { retain: true });
    return topic;
  }

  /** Sends a plan reminder to the asset's device (not retained). */
  async reminder(reminder: AssetReminder): Promise<string | null> {
    const deviceId = await this.orders.deviceOf(reminder.tenantId, reminder.assetId);
    if (!deviceId) return null;
    const topic = maintenanceCommandTopic(deviceId);
    const { planId, component, dueDate, daysBefore } = reminder;
    const command: MaintenanceReminderCommand = {
      type: 'reminder',
      planId,
      component,
      dueDate,
      ...(daysBefore === undefined ? {} : { daysBefore }),
    };
    await this.publish(topic, JSON.stringify(command), { retain: false });
    return topic;
  }
}
