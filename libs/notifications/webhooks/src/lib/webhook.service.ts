import { randomUUID } from 'node:crypto';
import { scopeAllows, type Scope } from '@hourglass/platform-tenancy';
import type { WebhookDelivery, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { envelopeOf, TEST_EVENT_TYPE, WebhookEventCatalog } from './webhook-event';
import { generateWebhookSecret } from './webhook-signature';
import type {
  WebhookSubscription,
  WebhookSubscriptionPatch,
  WebhookSubscriptionRepository,
} from './webhook-subscription.repository';
import { WebhookError } from './webhook.errors';

/** A new subscription. */
export interface NewWebhookSubscription {
  tenantId: string;
  url: string;
  eventTypes: string[];
  description?: string | null;
  enabled?: boolean;
}

/** A subscription with its secret: answered once, when created or when the secret is rotated. */
export type WebhookSubscriptionWithSecret = WebhookSubscription & { secret: string };

/** Changes to a subscription; `rotateSecret` answers a new secret, once. */
export type WebhookSubscriptionChange = Omit<WebhookSubscriptionPatch, 'secret'> & {
  rotateSecret?: boolean;
};

/** Managing subscriptions and their delivery log: what `/api/webhooks` routes to. */
export class WebhookService {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly queue: WebhookDeliveryRepository,
    private readonly catalog: WebhookEventCatalog = new WebhookEventCatalog(),
  ) {}

  /** The event types a subscription may name. */
  eventTypes(): string[] {
    return this.catalog.list();
  }

  async create(
    scope: Scope,
    input: NewWebhookSubscription,
    actor: string,
  ): Promise<WebhookSubscriptionWithSecret> {
    if (!scopeAllows(scope, input.tenantId))
      throw new WebhookError('WEBHOOK_INVALID', `tenant ${input.tenantId} is outside your scope`);
    const secret = generateWebhookSecret();
    const created = await this.subscriptions.insert({
      id: randomUUID(),
      tenantId: input.tenantId,
      url: this.checkUrl(input.url),
      eventTypes: this.checkTypes(input.eventTypes),
      secret,
      description: input.description ?? null,
      enabled: input.enabled ?? true,
      createdBy: actor,
    });
    return { ...created, secret };
  }

  list(scope: Scope): Promise<WebhookSubscription[]> {
    return this.subscriptions.list(scope);
  }

  async get(scope: Scope, id: string): Promise<WebhookSubscription> {
    const found = await this.subscriptions.get(scope, id);
    if (!found) throw new WebhookError('WEBHOOK_NOT_FOUND', `webhook ${id} not found`);
    return found;
  }

  async update(
    scope: Scope,
    id: string,
    change: WebhookSubscriptionChange,
  ): Promise<WebhookSubscription | WebhookSubscriptionWithSecret> {
    const secret = change.rotateSecret ? generateWebhookSecret() : undefined;
    const updated = await this.subscriptions.update(scope, id, {
      url: change.url === undefined ? undefined : this.checkUrl(change.url),
      eventTypes: change.eventTypes === undefined ? undefined : this.checkTypes(change.eventTypes),
      description: change.description,
      enabled: change.enabled,
      secret,
    });
    if (!updated) throw new WebhookError('WEBHOOK_NOT_FOUND', `webhook ${id} not found`);
    return secret ? { ...updated, secret } : updated;
  }

  async delete(scope: Scope, id: string): Promise<void> {
    if (!(await this.subscriptions.delete(scope, id)))
      throw new WebhookError('WEBHOOK_NOT_FOUND', `webhook ${id} not found`);
  }

  async deliveries(scope: Scope, id: string, limit?: number): Promise<WebhookDelivery[]> {
    await this.get(scope, id);
    return this.queue.list(scope, id, limit);
  }

  /** Queues the same event again, as a new delivery (same event id, so receivers can deduplicate). */
  async replay(scope: Scope, id: string, deliveryId: string): Promise<WebhookDelivery> {
    const original = await this.queue.get(scope, id, deliveryId);
    if (!original)
      throw new WebhookError(
        'WEBHOOK_NOT_FOUND',
        `delivery ${deliveryId} of webhook ${id} not found`,
      );
    return this.queued(scope, id, await this.queue.enqueueOne(id, original.payload, original.id));
  }

  /** Queues a `webhook.test` event for this subscription (sent even while it is disabled). */
  async test(scope: Scope, id: string, actor: string): Promise<WebhookDelivery> {
    const subscription = await this.get(scope, id);
    const envelope = envelopeOf({
      type: TEST_EVENT_TYPE,
      tenantId: subscription.tenantId,
      data: { subscriptionId: id, requestedBy: actor },
    });
    return this.queued(scope, id, await this.queue.enqueueOne(id, envelope));
  }

  private async queued(scope: Scope, id: string, deliveryId: string): Promise<WebhookDelivery> {
    const delivery = await this.queue.get(scope, id, deliveryId);
    if (!delivery) throw new Error(`delivery ${deliveryId} vanished after it was queued`);
    return delivery;
  }

  private checkUrl(raw: string): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookError(
        'WEBHOOK_INVALID',
        `url ${JSON.stringify(raw)} is not an absolute URL`,
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new WebhookError('WEBHOOK_INVALID', 'url must be http or https');
    if (url.username || url.password)
      throw new WebhookError(
        'WEBHOOK_INVALID',
        'url must not carry credentials: the signature authenticates deliveries',
      );
    return url.toString();
  }

  private checkTypes(types: string[]): string[] {
    const unique = [...new Set(types)];
    if (unique.length === 0)
      throw new WebhookError('WEBHOOK_INVALID', 'eventTypes must name at least one event type');
    const unknown = unique.filter((t) => !this.catalog.has(t));
    if (unknown.length > 0) {
      throw new WebhookError(
        'WEBHOOK_INVALID',
        `unknown event types ${unknown.join(', ')}; known: ${this.catalog.list().join(', ')}`,
      );
    }
    return unique.sort();
  }
}
