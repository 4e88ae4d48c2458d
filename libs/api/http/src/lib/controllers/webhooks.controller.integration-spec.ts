import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { WebhooksController } from './webhooks.controller';
import {
  ADMIN_TOKEN,
  call,
  createProviderAndCustomer,
  seedTwoTenants,
  startFixtureApi,
  type ApiCall,
} from './users-api.fixture';

// /api/webhooks through real HTTP: provider users manage any tenant's subscriptions, customers read
// their own tenant's; the secret is answered once; the delivery log, replay and test routes.
forEachSqlBackend(WebhooksController.name, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  let provider: ApiCall;
  let customer: ApiCall;

  beforeAll(async () => {
    await seedTwoTenants(db());
    api = await startFixtureApi(db());
    const tokens = await createProviderAndCustomer((method, path, body) =>
      call(api.port, ADMIN_TOKEN, method, path, body),
    );
    provider = (method, path, body) => call(api.port, tokens.provider, method, path, body);
    customer = (method, path, body) => call(api.port, tokens.customer, method, path, body);
  }, 60_000);
  afterAll(() => api?.close());

  const create = (tenantId: string) =>
    provider('POST', '/api/webhooks', {
      tenantId,
      url: 'http://127.0.0.1:9/hooks',
      eventTypes: ['work_order.raised', 'plan.reminder'],
    });

  it('creates a subscription with its secret shown once, and lists it without', async () => {
    const created = await create('acme');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tenantId: 'acme',
      enabled: true,
      eventTypes: ['plan.reminder', 'work_order.raised'],
    });
    expect(created.body.secret).toMatch(/^whsec_/);
    const got = await provider('GET', `/api/webhooks/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.secret).toBeUndefined();
    const list = await provider('GET', '/api/webhooks');
    expect(list.body.eventTypes).toContain('work_order.escalated');
    expect(list.body.items.every((s: { secret?: string }) => s.secret === undefined)).toBe(true);
  });

  it('refuses unknown event types, bad URLs and customers changing subscriptions', async () => {
    expect(
      (
        await provider('POST', '/api/webhooks', {
          tenantId: 'acme',
          url: 'http://x.test/',
          eventTypes: ['nope.never'],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await provider('POST', '/api/webhooks', {
          tenantId: 'acme',
          url: 'ftp://x.test/',
          eventTypes: ['plan.reminder'],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await customer('POST', '/api/webhooks', {
          tenantId: 'acme',
          url: 'http://x.test/',
          eventTypes: ['plan.reminder'],
        })
      ).status,
    ).toBe(403);
    const theirs = await create('acme');
    expect(
      (await customer('PATCH', `/api/webhooks/${theirs.body.id}`, { enabled: false })).status,
    ).toBe(403);
    expect((await customer('DELETE', `/api/webhooks/${theirs.body.id}`)).status).toBe(403);
  });

  it("lets customers read only their own tenant's subscriptions and deliveries", async () => {
    const acme = await create('acme');
    const globex = await create('globex');
    const seen = await customer('GET', '/api/webhooks');
    expect(seen.body.items.map((s: { tenantId: string }) => s.tenantId)).toEqual(
      expect.arrayContaining(['acme']),
    );
    expect(seen.body.items.some((s: { tenantId: string }) => s.tenantId === 'globex')).toBe(false);
    expect((await customer('GET', `/api/webhooks/${globex.body.id}`)).status).toBe(404);
    expect((await customer('GET', `/api/webhooks/${acme.body.id}/deliveries`)).status).toBe(200);
  });

  it('queues test events and replays, rotates the secret, updates and deletes', async () => {
    const sub = (await create('globex')).body;
    const test = await provider('POST', `/api/webhooks/${sub.id}/test`);
    expect(test.status).toBe(202);
    expect(test.body).toMatchObject({
      status: 'PENDING',
      eventType: 'webhook.test',
      payload: { type: 'webhook.test', tenantId: 'globex' },
    });
    const replay = await provider(
      'POST',
      `/api/webhooks/${sub.id}/deliveries/${test.body.id}/replay`,
    );
    expect(replay).toMatchObject({
      status: 202,
      body: { replayOf: test.body.id, eventId: test.body.eventId },
    });
    expect((await provider('GET', `/api/webhooks/${sub.id}/deliveries`)).body.items).toHaveLength(
      2,
    );
    expect((await provider('POST', `/api/webhooks/${sub.id}/deliveries/nope/replay`)).status).toBe(
      404,
    );

    const rotated = await provider('PATCH', `/api/webhooks/${sub.id}`, {
      rotateSecret: true,
      enabled: false,
    });
    expect(rotated.body).toMatchObject({ enabled: false });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(sub.secret);
    expect((await provider('DELETE', `/api/webhooks/${sub.id}`)).status).toBe(204);
    expect((await provider('GET', `/api/webhooks/${sub.id}`)).status).toBe(404);
  });
});
