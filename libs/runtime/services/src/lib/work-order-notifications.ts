import type { EventPublisherPort } from '@hourglass/notifications-webhooks';

/** The fields of a work order the notifications carry (the tasks lib's `Task` has them all). */
export interface WorkOrderView {
  id: string;
  tenantId: string;
  assetId: string;
  component: string;
  status: string;
  priority: string;
  replaceBy?: string;
  updatedAt: string;
}

/** Something that happened to a work order, as the work-order sink reports it. */
export interface WorkOrderNotice {
  kind: 'raised' | 'status_changed' | 'escalated';
  order: WorkOrderView;
  previousStatus?: string;
}

/** Another consumer of work-order notices (the device commands). */
export interface WorkOrderConsumer {
  onWorkOrder(notice: WorkOrderNotice): Promise<void>;
}

/**
 * The adapter the work-order events sink is given: each notice becomes a webhook event
 * (`work_order.raised`, `.status_changed`, `.escalated`) and goes to every other consumer. The event
 * id is derived from the order and its `updatedAt`, so a notice sent twice is queued once. A
 * consumer's failure is logged, never thrown back at the order's change (that is already stored).
 */
export class WorkOrderNotifications {
  constructor(
    private readonly events: EventPublisherPort,
    private readonly consumers: readonly WorkOrderConsumer[],
    private readonly log: (line: string) => void,
  ) {}

  async notify(notice: WorkOrderNotice): Promise<void> {
    const { order, kind } = notice;
    const type = `work_order.${kind}`;
    await this.events
      .publish({
        id: `${type}:${order.id}:${order.status}:${order.updatedAt}`,
        type,
        tenantId: order.tenantId,
        occurredAt: order.updatedAt,
        data: {
          order,
          ...(notice.previousStatus ? { previousStatus: notice.previousStatus } : {}),
        },
      })
      .catch((error: Error) =>
        this.log(`webhooks: ${type} of ${order.id} not queued: ${error.message}`),
      );
    for (const consumer of this.consumers) {
      await consumer
        .onWorkOrder(notice)
        .catch((error: Error) =>
          this.log(`notifications: ${type} of ${order.id}: ${error.message}`),
        );
    }
  }
}
