import type { WebhookDeliveryRepository } from './webhook-delivery.repository';
import {
  envelopeOf,
  WebhookEventCatalog,
  type PlatformEvent,
  type WebhookEnvelope,
} from './webhook-event';

/** Where domain events are published; the runtime adapts the work-order and plan sinks to it. */
export interface EventPublisherPort {
  publish<D>(event: PlatformEvent<D>): Promise<WebhookEnvelope<D>>;
}

/**
 * Fans an event out to the matching subscriptions of its tenant: one durable delivery each,
 * queued in SQL before `publish` resolves (the delivery job sends them). Publishing the same event
 * id twice queues it once per subscription. Subscriptions disabled at that moment get nothing.
 */
export class EventPublisher implements EventPublisherPort {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly catalog: WebhookEventCatalog = new WebhookEventCatalog(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Queues `event`; throws a `RangeError` for a type outside the catalog (a wiring mistake). */
  async publish<D>(event: PlatformEvent<D>): Promise<WebhookEnvelope<D>> {
    if (!this.catalog.has(event.type))
      throw new RangeError(`event type ${event.type} is not in the webhook event catalog`);
    const envelope = envelopeOf(event, this.now());
    await this.deliveries.enqueueForSubscribers(envelope);
    return envelope;
  }
}
