import { commandTopic } from './device-topics';

/** Command name of the maintenance display: `devices/{id}/commands/maintenance`. */
export const MAINTENANCE_COMMAND = 'maintenance';

/** `devices/{id}/commands/maintenance`. Throws a `RangeError` on an invalid id. */
export function maintenanceCommandTopic(deviceId: string): string {
  return commandTopic(deviceId, MAINTENANCE_COMMAND);
}

/** One open work order as the equipment shows it to its operator. */
export interface MaintenanceOrderSummary {
  orderId: string;
  component: string;
  status: string;
  priority: string;
  /** ISO 8601, when known. */
  replaceBy?: string;
}

/**
 * Retained on `devices/{id}/commands/maintenance` while the device's asset has open orders: all of
 * them, newest state. Cleared (a retained empty payload) when the last one closes.
 */
export interface MaintenanceOrdersCommand {
  type: 'orders';
  orders: MaintenanceOrderSummary[];
  /** ISO 8601. */
  updatedAt: string;
}

/** A plan's reminder on `devices/{id}/commands/maintenance`, not retained (an open order's message stays). */
export interface MaintenanceReminderCommand {
  type: 'reminder';
  planId: string;
  component: string;
  /** Local date (YYYY-MM-DD) the plan falls due. */
  dueDate: string;
  daysBefore?: number;
}

/** What the platform publishes on `devices/{id}/commands/maintenance`. */
export type MaintenanceCommand = MaintenanceOrdersCommand | MaintenanceReminderCommand;

/** Published on `devices/{id}/events` when a technician replaced a part at the equipment. */
export interface PartReplacedEvent {
  type: 'part_replaced';
  component: string;
  partNumber?: string;
  /** Device time: epoch milliseconds or RFC 3339. */
  ts: number | string;
  /** The order the technician worked, when the equipment knows it. */
  orderId?: string;
}

/** Every message type a device may publish on `devices/{id}/events`. */
export const EQUIPMENT_EVENT_TYPES = ['part_replaced', 'replaced'] as const;
