import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { TEST_EVENT_TYPE, type WebhookEnvelope } from './webhook-event';

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/** One try of a delivery, as logged. */
export interface WebhookAttempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  /** The receiver's HTTP status; null when no answer came (refused, timed out). */
  statusCode: number | null;
  error: string | null;
}

/** One event queued for one subscription, with its attempts. */
export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  tenantId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  replayOf: string | null;
  createdAt: string;
  completedAt: string | null;
  payload: WebhookEnvelope;
  log: WebhookAttempt[];
}

/** A delivery claimed by the job, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
}

const iso = (d: unknown) => (d ? new Date(d as Date).toISOString() : null);

const toDelivery = (r: Record<string, unknown>, log: WebhookAttempt[]): WebhookDelivery => ({
  id: String(r.id),
  subscriptionId: String(r.subscription_id),
  tenantId: String(r.tenant_id),
  eventId: String(r.event_id),
  eventType: String(r.event_type),
  status: r.status as WebhookDeliveryStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: r.status === 'PENDING' ? iso(r.next_attempt_at) : null,
  replayOf: (r.replay_of as string | null) ?? null,
  createdAt: iso(r.created_at) as string,
  completedAt: iso(r.completed_at),
  payload: JSON.parse(String(r.payload)) as WebhookEnvelope,
  log,
});

/** The durable delivery queue and its log. */
export class WebhookDeliveryRepository {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Queues `envelope` for every enabled subscription of its tenant that names its type, in one
   * statement; an event id already queued for a subscription is not queued again. Returns the count.
   */
  async enqueueForSubscribers(envelope: WebhookEnvelope): Promise<number> {
    const rows = await this.db.query(
      `insert into webhook_deliveries (id, subscription_id, tenant_id, event_id, event_type, payload, status, next_attempt_at)
       select gen_random_uuid()::text, s.id, s.tenant_id, $2, $3, $4, 'PENDING', now()
       from webhook_subscriptions s where s.tenant_id = $1 and s.enabled and $3 = any(s.event_types)
       on conflict (subscription_id, event_id) where replay_of is null do nothing returning id`,
      [envelope.tenantId, envelope.id, envelope.type, JSON.stringify(envelope)],
    );
    return rows.length;
  }

  /** Queues `envelope` for one subscription (a test event); `replayOf` for a replay. */
  async enqueueOne(
    subscriptionId: string,
    envelope: WebhookEnvelope,
    replayOf: string | null = null,
  ): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `insert into webhook_deliveries (id, subscription_id, tenant_id, event_id, event_type, payload, status, next_attempt_at, replay_of)
       values ($1, $2, $3, $4, $5, $6, 'PENDING', now(), $7)`,
      [
        id,
        subscriptionId,
        envelope.tenantId,
        envelope.id,
        envelope.type,
        JSON.stringify(envelope),
        replayOf,
      ],
    );
    return id;
  }

  /** The newest deliveries of a subscription in the scope, with their attempts. */
  async list(scope: Scope, subscriptionId: string, limit = 100): Promise<WebhookDelivery[]> {
    const params: unknown[] = [subscriptionId, limit];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from webhook_deliveries where subscription_id = $1 and ${scopeCondition(scope, 'tenant_id', params)}
       order by created_at desc, id limit $2`,
      params as string[],
    );
    return this.withLogs(rows);
  }

  async get(scope: Scope, subscriptionId: string, id: string): Promise<WebhookDelivery | null> {
    const params: unknown[] = [subscriptionId, id];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from webhook_deliveries where subscription_id = $1 and id = $2 and ${scopeCondition(scope, 'tenant_id', params)}`,
      params as string[],
    );
    return (await this.withLogs(rows))[0] ?? null;
  }

  /**
   * Leases up to `limit` due deliveries until `leaseUntil`, skipping rows another worker holds.
   * Deliveries of a disabled subscription wait (test events excepted) until it is enabled again;
   * a lease left by a worker that died expires, and the delivery is claimed again.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `update webhook_deliveries d set locked_until = $2
       from webhook_subscriptions s
       where s.id = d.subscription_id and d.id in (
         select q.id from webhook_deliveries q join webhook_subscriptions qs on qs.id = q.subscription_id
         where q.status = 'PENDING' and q.next_attempt_at <= $1 and (q.locked_until is null or q.locked_until <= $1)
           and (qs.enabled or q.event_type = $4)
         order by q.next_attempt_at, q.id limit $3 for update of q skip locked)
       returning d.id, d.subscription_id, d.event_id, d.event_type, d.payload, d.attempts, s.url, s.secret`,
      [now, leaseUntil, limit, TEST_EVENT_TYPE],
    );
    return rows.map((r) => ({
      id: String(r.id),
      subscriptionId: String(r.subscription_id),
      eventId: String(r.event_id),
      eventType: String(r.event_type),
      payload: String(r.payload),
      attempts: Number(r.attempts),
      url: String(r.url),
      secret: String(r.secret),
    }));
  }

  /**
   * Logs an attempt and moves the delivery on: `DELIVERED`, `FAILED` (`retryAt` null), or due again
   * at `retryAt`. Test events leave the failure count alone. Returns true when this attempt
   * disabled the subscription (`disableAfter` failures in a row).
   */
  async recordAttempt(
    claimed: ClaimedDelivery,
    attempt: WebhookAttempt,
    outcome: { ok: true } | { ok: false; retryAt: Date | null; disableAfter: number },
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `insert into webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error) values ($1, $2, $3, $4, $5, $6)`,
        [
          claimed.id,
          attempt.attempt,
          attempt.startedAt,
          attempt.durationMs,
          attempt.statusCode,
          attempt.error,
        ],
      );
      const status = outcome.ok ? 'DELIVERED' : outcome.retryAt ? 'PENDING' : 'FAILED';
      await tx.query(
        `update webhook_deliveries set status = $2, attempts = $3, locked_until = null, last_status_code = $4, last_error = $5,
           next_attempt_at = coalesce($6, next_attempt_at), completed_at = case when $2 = 'PENDING' then null else now() end
         where id = $1`,
        [
          claimed.id,
          status,
          attempt.attempt,
          attempt.statusCode,
          attempt.error,
          outcome.ok ? null : outcome.retryAt,
        ],
      );
      if (claimed.eventType === TEST_EVENT_TYPE) return false;
      if (outcome.ok) {
        await tx.query('update webhook_subscriptions set consecutive_failures = 0 where id = $1', [
          claimed.subscriptionId,
        ]);
        return false;
      }
      const [sub] = await tx.query<{ disabled: boolean }>(
        `update webhook_subscriptions set consecutive_failures = consecutive_failures + 1,
           enabled = enabled and consecutive_failures + 1 < $2,
           disabled_reason = case when enabled and consecutive_failures + 1 >= $2
             then $2 || ' consecutive failed attempts' else disabled_reason end,
           updated_at = now()
         where id = $1 returning (disabled_reason is not null and not enabled and consecutive_failures = $2) as disabled`,
        [claimed.subscriptionId, outcome.disableAfter],
      );
      return Boolean(sub?.disabled);
    });
  }

  private async withLogs(rows: Record<string, unknown>[]): Promise<WebhookDelivery[]> {
    if (rows.length === 0) return [];
    const attempts = await this.db.query<Record<string, unknown>>(
      `select * from webhook_attempts where delivery_id = any($1::text[]) order by delivery_id, attempt`,
      [rows.map((r) => String(r.id))],
    );
    return rows.map((r) =>
      toDelivery(
        r,
        attempts
          .filter((a) => a.delivery_id === r.id)
          .map((a) => ({
            attempt: Number(a.attempt),
            startedAt: iso(a.started_at) as string,
            durationMs: Number(a.duration_ms),
            statusCode: a.status_code === null ? null : Number(a.status_code),
            error: (a.error as string | null) ?? null,
          })),
      ),
    );
  }
}
