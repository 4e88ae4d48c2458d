import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type {
  ClaimedDelivery,
  WebhookAttempt,
  WebhookDeliveryRepository,
} from './webhook-delivery.repository';
import {
  FetchWebhookSender,
  type WebhookResponse,
  type WebhookSender,
} from './webhook-http.sender';
import {
  DEFAULT_WEBHOOK_RETRY,
  parseRetryAfter,
  retryDelayMs,
  type WebhookRetryOptions,
} from './webhook-retry.policy';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

/** Options of {@link WebhookDeliveryJob}; every one has a default. */
export interface WebhookDeliveryOptions extends WebhookRetryOptions {
  /** Deliveries claimed per batch (default 50). */
  batchSize: number;
  /** Requests in flight at once (default 8). */
  concurrency: number;
  /** Longest wait for a receiver's answer (default 10 s). */
  timeoutMs: number;
  /** How long a claimed delivery is held before another worker may take it (default 2 min: above `timeoutMs`). */
  leaseMs: number;
  /** Batches per run at most, so one run ends even under a flood (default 20). */
  maxBatchesPerRun: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = {
  ...DEFAULT_WEBHOOK_RETRY,
  batchSize: 50,
  concurrency: 8,
  timeoutMs: 10_000,
  leaseMs: 120_000,
  maxBatchesPerRun: 20,
};

/** What the job needs; `now` and `random` are there for tests. */
export interface WebhookDeliveryJobDeps {
  deliveries: WebhookDeliveryRepository;
  sender?: WebhookSender;
  metrics?: MetricsRegistry;
  log?: (line: string) => void;
  now?: () => Date;
  random?: () => number;
}

/**
 * Sends the due deliveries of the queue (the runtime schedules {@link run}): signs each body with
 * its subscription's secret, logs every attempt, retries failures with exponential backoff and
 * jitter (a `Retry-After` honoured), and disables a subscription after too many failures in a row.
 * The queue is in SQL, so a restart resumes it, and several workers may run it at once.
 */
export class WebhookDeliveryJob {
  private readonly options: WebhookDeliveryOptions;
  private readonly sender: WebhookSender;
  private readonly now: () => Date;
  private readonly attemptsTotal;
  private readonly disabledTotal;

  constructor(
    private readonly deps: WebhookDeliveryJobDeps,
    options: Partial<WebhookDeliveryOptions> = {},
  ) {
    this.options = { ...DEFAULT_WEBHOOK_DELIVERY, ...options };
    this.sender = deps.sender ?? new FetchWebhookSender();
    this.now = deps.now ?? (() => new Date());
    this.attemptsTotal = deps.metrics?.counter(
      'hg_webhook_attempts_total',
      'webhook delivery attempts by outcome',
      ['outcome'],
    );
    this.disabledTotal = deps.metrics?.counter(
      'hg_webhook_subscriptions_disabled_total',
      'webhook subscriptions disabled after repeated failure',
    );
  }

  /** Sends what is due now; returns the number of attempts made. */
  async run(): Promise<number> {
    let attempts = 0;
    for (let batch = 0; batch < this.options.maxBatchesPerRun; batch++) {
      const now = this.now();
      const claimed = await this.deps.deliveries.claimDue(
        now,
        new Date(now.getTime() + this.options.leaseMs),
        this.options.batchSize,
      );
      await this.inParallel(claimed, (delivery) => this.attempt(delivery));
      attempts += claimed.length;
      if (claimed.length < this.options.batchSize) break;
    }
    return attempts;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const started = this.now();
    const timestamp = Math.floor(started.getTime() / 1000);
    const response = await this.sender.send({
      url: delivery.url,
      body: delivery.payload,
      timeoutMs: this.options.timeoutMs,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Hourglass-Webhooks/1',
        'hourglass-event': delivery.eventType,
        'hourglass-event-id': delivery.eventId,
        'hourglass-delivery': delivery.id,
        [SIGNATURE_HEADER]: signatureHeader(delivery.secret, timestamp, delivery.payload),
      },
    });
    const ok =
      response.statusCode !== null && response.statusCode >= 200 && response.statusCode < 300;
    const log: WebhookAttempt = {
      attempt: delivery.attempts + 1,
      startedAt: started.toISOString(),
      durationMs: Math.max(0, this.now().getTime() - started.getTime()),
      statusCode: response.statusCode,
      error: ok ? null : describeFailure(response),
    };
    this.attemptsTotal?.inc({ outcome: ok ? 'delivered' : 'failed' });
    const disabled = await this.deps.deliveries.recordAttempt(
      delivery,
      log,
      ok
        ? { ok: true }
        : {
            ok: false,
            retryAt: this.retryAt(log.attempt, response),
            disableAfter: this.options.disableAfterFailures,
          },
    );
    if (disabled) {
      this.disabledTotal?.inc();
      this.deps.log?.(
        `webhooks: subscription ${delivery.subscriptionId} disabled after ${this.options.disableAfterFailures} failed attempts in a row`,
      );
    }
  }

  private retryAt(attempt: number, response: WebhookResponse): Date | null {
    if (attempt >= this.options.maxAttempts) return null;
    const now = this.now().getTime();
    return new Date(
      now +
        retryDelayMs(
          attempt,
          this.options,
          parseRetryAfter(response.retryAfter, now),
          this.deps.random,
        ),
    );
  }

  private async inParallel<T>(
    items: readonly T[],
    work: (item: T) => Promise<void>,
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) await work(items[next++]);
    };
    await Promise.all(
      Array.from({ length: Math.min(this.options.concurrency, items.length) }, worker),
    );
  }
}

function describeFailure(response: WebhookResponse): string {
  const text =
    response.statusCode === null
      ? (response.error ?? 'no response')
      : `HTTP ${response.statusCode}`;
  return text.slice(0, 500);
}
