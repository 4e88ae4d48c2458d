import type { EventPublisherPort } from '@hourglass/notifications-webhooks';

/** A plan event as the plans lib's `PlanEvents` sink emits it (`plan.reminder`, `plan.order-raised`). */
export interface PlanNotice {
  type: string;
  planId: string;
  tenantId: string;
  assetId: string;
  component: string;
  cycle: number;
  dueDate: string;
  daysBefore?: number;
}

/** Another consumer of plan reminders (the device commands). */
export interface PlanReminderConsumer {
  onPlanReminder(notice: PlanNotice): Promise<void>;
}

/**
 * The adapter the plans' `PlanEvents` sink is given. The webhook event type is the plan event's
 * with `-` turned to `_` (`plan.order-raised` -> `plan.order_raised`); its id is derived from the
 * plan, asset, cycle and reminder day, so a reminder emitted again after a failure is queued once.
 * A failure to queue is thrown back: the plans job then releases the reminder and sends it again.
 */
export class PlanNotifications {
  constructor(
    private readonly events: EventPublisherPort,
    private readonly consumers: readonly PlanReminderConsumer[],
    private readonly log: (line: string) => void,
  ) {}

  async emit(event: PlanNotice): Promise<void> {
    const type = event.type.replace(/-/g, '_');
    await this.events.publish({
      id: `${type}:${event.planId}:${event.assetId}:${event.cycle}:${event.daysBefore ?? ''}`,
      type,
      tenantId: event.tenantId,
      data: event,
    });
    if (event.type !== 'plan.reminder') return;
    for (const consumer of this.consumers) {
      await consumer
        .onPlanReminder(event)
        .catch((error: Error) =>
          this.log(`notifications: reminder of plan ${event.planId}: ${error.message}`),
        );
    }
  }
}
