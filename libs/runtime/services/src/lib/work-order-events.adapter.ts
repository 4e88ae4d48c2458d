import type { WorkOrderEvent, WorkOrderEvents } from '@hourglass/maintenance-tasks';
import type { WorkOrderNotice, WorkOrderNotifications } from './work-order-notifications';

const NOTICE_KIND: Record<WorkOrderEvent['kind'], WorkOrderNotice['kind']> = {
  RAISED: 'raised',
  STATUS_CHANGED: 'status_changed',
  ESCALATED: 'escalated',
};

/**
 * The tasks lib's {@link WorkOrderEvents} sink on {@link WorkOrderNotifications}: every event becomes
 * a webhook event (`work_order.raised`, `.status_changed`, `.escalated`) and a maintenance command
 * where the process has the device side. `notify` logs its failures, so the sink never throws.
 */
export function notifyingWorkOrderEvents(notifications: WorkOrderNotifications): WorkOrderEvents {
  return {
    onEvent: (e) =>
      notifications.notify({
        kind: NOTICE_KIND[e.kind],
        order: e.order,
        ...(e.previousStatus ? { previousStatus: e.previousStatus } : {}),
      }),
  };
}
