import { randomUUID } from 'node:crypto';

/** The event types the platform publishes today. */
export const PLATFORM_EVENT_TYPES = [
  'work_order.raised',
  'work_order.status_changed',
  'work_order.escalated',
  'plan.reminder',
  'plan.order_raised',
] as const;

/** Sent by `POST /api/webhooks/{id}/test`; never subscribed to, delivered to the one subscription. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** `domain.event_name`: lower-case words, dot-separated. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Which event types subscriptions may name. The composition root passes one catalog to the API
 * and the publisher; a new event type is one more entry (`new WebhookEventCatalog([...PLATFORM_EVENT_TYPES, 'x.y'])`).
 */
export class WebhookEventCatalog {
  private readonly known: ReadonlySet<string>;

  constructor(types: readonly string[] = PLATFORM_EVENT_TYPES) {
    const bad = types.find((t) => !EVENT_TYPE_PATTERN.test(t));
    if (bad !== undefined)
      throw new RangeError(
        `event type ${JSON.stringify(bad)} does not match ${EVENT_TYPE_PATTERN}`,
      );
    this.known = new Set(types);
  }

  has(type: string): boolean {
    return this.known.has(type);
  }

  list(): string[] {
    return [...this.known].sort();
  }
}

/** What every delivery's body holds: one event. */
export interface WebhookEnvelope<D = unknown> {
  /** Unique per event; a retried or replayed delivery repeats it, so receivers can deduplicate. */
  id: string;
  type: string;
  /** ISO 8601. */
  occurredAt: string;
  tenantId: string;
  data: D;
}

/** An event to publish; `id` and `occurredAt` default to a new UUID and now. */
export interface PlatformEvent<D = unknown> {
  type: string;
  tenantId: string;
  data: D;
  /** Give a stable id when the same event may be published twice: it is then queued once per subscription. */
  id?: string;
  occurredAt?: Date | string;
}

/** The envelope of `event`, ids and times filled in. */
export function envelopeOf<D>(event: PlatformEvent<D>, now: Date = new Date()): WebhookEnvelope<D> {
  return {
    id: event.id ?? randomUUID(),
    type: event.type,
    occurredAt: new Date(event.occurredAt ?? now).toISOString(),
    tenantId: event.tenantId,
    data: event.data,
  };
}
