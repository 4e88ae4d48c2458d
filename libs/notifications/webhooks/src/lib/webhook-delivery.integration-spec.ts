import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { startPostgres, waitFor, type PostgresServer } from '@hourglass/testing-services';
import { openTestDatabase } from '@hourglass/testing-sql';
import { EventPublisher } from './event-publisher';
import { WebhookDeliveryJob, type WebhookDeliveryOptions } from './webhook-delivery.job';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import type { WebhookEnvelope } from './webhook-event';
import { WebhookReceiver } from './webhook-receiver.fixture';
import { SIGNATURE_HEADER, verifyWebhookSignature } from './webhook-signature';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';
import { WebhookService } from './webhook.service';

const FAST: Partial<WebhookDeliveryOptions> = {
  baseDelayMs: 60,
  maxDelayMs: 5_000,
  maxAttempts: 4,
  disableAfterFailures: 6,
};

/** The lib's parts over one database; rebuilt after a reopen. */
function parts(db: SqlDatabase, options: Partial<WebhookDeliveryOptions> = FAST) {
  const deliveries = new WebhookDeliveryRepository(db);
  return {
    service: new WebhookService(new WebhookSubscriptionRepository(db), deliveries),
    publisher: new EventPublisher(deliveries),
    job: new WebhookDeliveryJob({ deliveries }, options),
  };
}

/** Runs the job until `done` holds (the job stands in for the runtime's PeriodicTask). */
async function runUntil(
  job: WebhookDeliveryJob,
  done: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  await waitFor(
    async () => {
      await job.run();
      return done();
    },
    { timeoutMs, intervalMs: 10, what: 'webhook deliveries' },
  );
}

describe.each(['pglite', 'postgres'] as const)('webhook deliveries on %s', (engine) => {
  let server: PostgresServer | undefined;
  let db: SqlDatabase;
  let receiver: WebhookReceiver;
  let tenant = 0;
  const open = () =>
    server ? openTestDatabase({ databaseUrl: server.url }) : openTestDatabase({ dataDir });
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-webhooks-'));

  beforeAll(async () => {
    if (engine === 'postgres') server = await startPostgres();
    db = await open();
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
    tenant++;
  });
  afterEach(() => receiver.close());

  const subscribe = (types = ['work_order.raised']) =>
    parts(db).service.create(
      PROVIDER_SCOPE,
      { tenantId: `t${tenant}`, url: receiver.url, eventTypes: types },
      'tester',
    );

  it('signs each delivery with HMAC-SHA256 over timestamp and body, which the receiver verifies', async () => {
    const sub = await subscribe();
    const { publisher, job, service } = parts(db);
    const event = await publisher.publish({
      type: 'work_order.raised',
      tenantId: `t${tenant}`,
      data: { orderId: 'o-1' },
    });
    await publisher.publish({ type: 'plan.reminder', tenantId: `t${tenant}`, data: {} });
    await publisher.publish({ type: 'work_order.raised', tenantId: 'someone-else', data: {} });
    await runUntil(job, () => receiver.requests.length >= 1);
    await job.run();

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(JSON.parse(request.body) as WebhookEnvelope).toEqual({
      id: event.id,
      type: 'work_order.raised',
      occurredAt: event.occurredAt,
      tenantId: `t${tenant}`,
      data: { orderId: 'o-1' },
    });
    expect(request.headers['hourglass-event-id']).toBe(event.id);
    const header = request.headers[SIGNATURE_HEADER] as string;
    expect(verifyWebhookSignature(sub.secret, header, request.body)).toBe(true);
    expect(verifyWebhookSignature(sub.secret, header, request.body.replace('o-1', 'o-2'))).toBe(
      false,
    );
    expect(verifyWebhookSignature(`${sub.secret}x`, header, request.body)).toBe(false);
    const [delivery] = await service.deliveries(PROVIDER_SCOPE, sub.id);
    expect(delivery).toMatchObject({
      status: 'DELIVERED',
      attempts: 1,
      log: [{ attempt: 1, statusCode: 200, error: null }],
    });
  });

  it('retries a failing receiver with growing delays, then disables the subscription and keeps what is queued', async () => {
    const sub = await subscribe();
    receiver.answer = () => ({ status: 500 });
    // One delivery at a time: with two in flight, the attempt beside the sixth failure (both due in
    // one batch on a loaded machine) is sent before the subscription is disabled, a seventh.
    const { publisher, job, service } = parts(db, { ...FAST, batchSize: 1, concurrency: 1 });
    await publisher.publish({ type: 'work_order.raised', tenantId: `t${tenant}`, data: { n: 1 } });
    await publisher.publish({ type: 'work_order.raised', tenantId: `t${tenant}`, data: { n: 2 } });
    await runUntil(job, async () => !(await service.get(PROVIDER_SCOPE, sub.id)).enabled);

    const disabled = await service.get(PROVIDER_SCOPE, sub.id);
    expect(disabled).toMatchObject({
      enabled: false,
      consecutiveFailures: 6,
      disabledReason: '6 consecutive failed attempts',
    });
    expect(receiver.requests).toHaveLength(6);
    for (const n of [1, 2]) {
      const times = receiver.requests
        .filter((r) => (JSON.parse(r.body) as WebhookEnvelope<{ n: number }>).data.n === n)
        .map((r) => r.at);
      expect(times).toHaveLength(3);
      // Equal jitter: the wait after failed attempt k is at least half of 60 ms * 2^(k-1).
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(30);
      expect(times[2] - times[1]).toBeGreaterThanOrEqual(60);
    }
    const log = await service.deliveries(PROVIDER_SCOPE, sub.id);
    expect(log.map((d) => [d.status, d.attempts, d.log.map((a) => a.error)])).toEqual([
      ['PENDING', 3, ['HTTP 500', 'HTTP 500', 'HTTP 500']],
      ['PENDING', 3, ['HTTP 500', 'HTTP 500', 'HTTP 500']],
    ]);

    // Nothing is sent while it is disabled; enabled again, the queue goes out.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await job.run();
    expect(receiver.requests).toHaveLength(6);
    receiver.answer = () => ({ status: 204 });
    await service.update(PROVIDER_SCOPE, sub.id, { enabled: true });
    await runUntil(job, () => receiver.requests.length === 8);
    expect((await service.deliveries(PROVIDER_SCOPE, sub.id)).map((d) => d.status)).toEqual([
      'DELIVERED',
      'DELIVERED',
    ]);
    expect(await service.get(PROVIDER_SCOPE, sub.id)).toMatchObject({
      enabled: true,
      consecutiveFailures: 0,
      disabledReason: null,
    });
  });

  it('marks a delivery FAILED after its last attempt, and honours Retry-After', async () => {
    const sub = await subscribe();
    receiver.answer = () => ({ status: 503, headers: { 'retry-after': '1' } });
    const { publisher, job, service } = parts(db);
    await publisher.publish({ type: 'work_order.raised', tenantId: `t${tenant}`, data: {} });
    await runUntil(
      job,
      async () => (await service.deliveries(PROVIDER_SCOPE, sub.id))[0].status === 'FAILED',
      30_000,
    );
    const at = receiver.requests.map((r) => r.at);
    expect(at).toHaveLength(4);
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(990);
  }, 60_000);

  it('replays a delivery as a new one carrying the same event, and sends test events', async () => {
    const sub = await subscribe();
    const { publisher, job, service } = parts(db);
    const event = await publisher.publish({
      type: 'work_order.raised',
      tenantId: `t${tenant}`,
      data: { orderId: 'o-9' },
    });
    await runUntil(job, () => receiver.requests.length === 1);
    const [original] = await service.deliveries(PROVIDER_SCOPE, sub.id);

    const replay = await service.replay(PROVIDER_SCOPE, sub.id, original.id);
    expect(replay).toMatchObject({ status: 'PENDING', replayOf: original.id, eventId: event.id });
    await runUntil(job, () => receiver.requests.length === 2);
    const [first, second] = receiver.requests;
    expect(second.body).toBe(first.body);
    expect(second.headers['hourglass-delivery']).toBe(replay.id);
    expect(
      verifyWebhookSignature(sub.secret, second.headers[SIGNATURE_HEADER] as string, second.body),
    ).toBe(true);

    const test = await service.test(PROVIDER_SCOPE, sub.id, 'tester');
    await runUntil(job, () => receiver.requests.length === 3);
    expect(JSON.parse(receiver.requests[2].body)).toMatchObject({
      id: test.eventId,
      type: 'webhook.test',
      tenantId: `t${tenant}`,
    });
  });

  it('resumes the queue after the database is closed and opened again', async () => {
    const sub = await subscribe();
    const before = parts(db);
    for (let n = 0; n < 3; n++)
      await before.publisher.publish({
        type: 'work_order.raised',
        tenantId: `t${tenant}`,
        data: { n },
      });
    await db.close();
    db = await open();

    const after = parts(db);
    await runUntil(after.job, () => receiver.requests.length === 3);
    expect(
      receiver.requests
        .map((r) => (JSON.parse(r.body) as WebhookEnvelope<{ n: number }>).data.n)
        .sort(),
    ).toEqual([0, 1, 2]);
    expect((await after.service.deliveries(PROVIDER_SCOPE, sub.id)).map((d) => d.status)).toEqual([
      'DELIVERED',
      'DELIVERED',
      'DELIVERED',
    ]);
  });
});
