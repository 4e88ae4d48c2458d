import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';

/** A webhook subscription as the API shows it: never with its secret. */
export interface WebhookSubscription {
  id: string;
  tenantId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  enabled: boolean;
  /** Failed attempts in a row since the last success; at the limit the subscription is disabled. */
  consecutiveFailures: number;
  /** Why the platform disabled it (null when enabled, or disabled by a user). */
  disabledReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The fields a user may change; `secret` only when rotated. */
export interface WebhookSubscriptionPatch {
  url?: string;
  eventTypes?: string[];
  description?: string | null;
  enabled?: boolean;
  secret?: string;
}

const toSubscription = (r: Record<string, unknown>): WebhookSubscription => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  url: String(r.url),
  eventTypes: [...(r.event_types as string[])],
  description: (r.description as string | null) ?? null,
  enabled: Boolean(r.enabled),
  consecutiveFailures: Number(r.consecutive_failures),
  disabledReason: (r.disabled_reason as string | null) ?? null,
  createdBy: String(r.created_by),
  createdAt: new Date(r.created_at as Date).toISOString(),
  updatedAt: new Date(r.updated_at as Date).toISOString(),
});

/** Webhook subscriptions, always read and changed within a tenant scope. */
export class WebhookSubscriptionRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(s: {
    id: string;
    tenantId: string;
    url: string;
    eventTypes: string[];
    secret: string;
    description: string | null;
    enabled: boolean;
    createdBy: string;
  }): Promise<WebhookSubscription> {
    const [row] = await this.db.query<Record<string, unknown>>(
      `insert into webhook_subscriptions (id, tenant_id, url, event_types, secret, description, enabled, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
      [s.id, s.tenantId, s.url, s.eventTypes, s.secret, s.description, s.enabled, s.createdBy],
    );
    return toSubscription(row);
  }

  async list(scope: Scope): Promise<WebhookSubscription[]> {
    const params: unknown[] = [];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from webhook_subscriptions where ${scopeCondition(scope, 'tenant_id', params)} order by created_at, id`,
      params as string[],
    );
    return rows.map(toSubscription);
  }

  async get(scope: Scope, id: string): Promise<WebhookSubscription | null> {
    const params: unknown[] = [id];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from webhook_subscriptions where id = $1 and ${scopeCondition(scope, 'tenant_id', params)}`,
      params as string[],
    );
    return rows[0] ? toSubscription(rows[0]) : null;
  }

  /** Applies `patch`; enabling again clears the failure count and the reason it was disabled. */
  async update(
    scope: Scope,
    id: string,
    patch: WebhookSubscriptionPatch,
  ): Promise<WebhookSubscription | null> {
    const params: unknown[] = [
      id,
      patch.url ?? null,
      patch.eventTypes ?? null,
      patch.description === undefined ? null : patch.description,
      patch.description !== undefined,
      patch.enabled ?? null,
      patch.secret ?? null,
    ];
    const rows = await this.db.query<Record<string, unknown>>(
      `update webhook_subscriptions set url = coalesce($2, url), event_types = coalesce($3::text[], event_types),
         description = case when $5 then $4 else description end, secret = coalesce($7, secret),
         consecutive_failures = case when $6 is true then 0 else consecutive_failures end,
         disabled_reason = case when $6 is not null then null else disabled_reason end,
         enabled = coalesce($6, enabled), updated_at = now()
       where id = $1 and ${scopeCondition(scope, 'tenant_id', params)} returning *`,
      params as string[],
    );
    return rows[0] ? toSubscription(rows[0]) : null;
  }

  /** Deletes the subscription with its delivery log; false when it is not in the scope. */
  async delete(scope: Scope, id: string): Promise<boolean> {
    const params: unknown[] = [id];
    const rows = await this.db.query(
      `delete from webhook_subscriptions where id = $1 and ${scopeCondition(scope, 'tenant_id', params)} returning id`,
      params as string[],
    );
    return rows.length > 0;
  }
}
