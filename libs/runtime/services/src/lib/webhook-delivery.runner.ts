import {
  EventPublisher,
  WebhookDeliveryJob,
  WebhookDeliveryRepository,
  type WebhookDeliveryOptions,
} from '@hourglass/notifications-webhooks';
import { PeriodicTask } from './periodic-task';
import { QueueingDeviceCommands } from './device-command-queue.adapter';
import type { RuntimeContext } from './runtime-context';
import { PlanNotifications } from './plan-notifications';
import { WorkOrderNotifications } from './work-order-notifications';

/** How often the webhook queue is looked at (a delivery waits at most this long once due). */
export const WEBHOOK_DELIVERY_INTERVAL_MS = 1_000;

/** The webhook side of a process: the publisher domain events go to, and the scheduled delivery job. */
export interface RunningWebhooks {
  publisher: EventPublisher;
  job: PeriodicTask;
  stop(): Promise<void>;
}

/**
 * Schedules {@link WebhookDeliveryJob} every {@link WEBHOOK_DELIVERY_INTERVAL_MS}. The queue is in
 * SQL and claimed with leases, so any number of processes may run it; `npm start` runs one.
 */
export function startWebhookDelivery(
  ctx: RuntimeContext,
  options: Partial<WebhookDeliveryOptions> & { intervalMs?: number } = {},
): RunningWebhooks {
  const deliveries = new WebhookDeliveryRepository(ctx.db);
  const job = new WebhookDeliveryJob({ deliveries, metrics: ctx.metrics, log: ctx.log }, options);
  const task = new PeriodicTask(
    'webhooks',
    options.intervalMs ?? WEBHOOK_DELIVERY_INTERVAL_MS,
    async () => {
      await job.run();
    },
    ctx.log,
    ctx.metrics,
  ).start();
  return { publisher: new EventPublisher(deliveries), job: task, stop: () => task.stop() };
}

/**
 * Work-order notifications that only queue: webhook events, and maintenance commands for the
 * maintenance process's relay (a process that runs neither the delivery job nor MQTT).
 */
export function queueingWorkOrderNotifications(ctx: RuntimeContext): WorkOrderNotifications {
  return new WorkOrderNotifications(
    new EventPublisher(new WebhookDeliveryRepository(ctx.db)),
    [new QueueingDeviceCommands(ctx.db)],
    ctx.log,
  );
}

/** Plan notifications that only queue: webhook events and reminders for the relay. */
export function queueingPlanNotifications(ctx: RuntimeContext): PlanNotifications {
  return new PlanNotifications(
    new EventPublisher(new WebhookDeliveryRepository(ctx.db)),
    [new QueueingDeviceCommands(ctx.db)],
    ctx.log,
  );
}
