import { TaskRepository } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { waitFor } from '@hourglass/testing-services';
import { EventsController } from './events.controller';
import {
  ADMIN_TOKEN,
  call,
  createProviderAndCustomer,
  seedTwoTenants,
  startFixtureApi,
  type Json,
} from './users-api.fixture';

/** An open server-sent event stream: the events read so far, parsed. */
interface Stream {
  status: number;
  contentType: string | null;
  events: Array<{ event: string; data: Json }>;
  close(): void;
}

async function openStream(port: number, token: string): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/events`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const stream: Stream = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events: [],
    close: () => abort.abort(),
  };
  if (!res.body) return stream;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) stream.events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return stream;
}

const order = (tenantId: string) => ({
  tenantId,
  assetId: `${tenantId}-1`,
  component: 'fan-blade',
  priority: 'HIGH' as const,
  predictedRul: 5,
  risk: 0.9,
  modelVersion: 'm@1',
  replaceBy: new Date(Date.now() + 86_400_000),
});

// Issue 16, live updates: GET /api/events streams fleet state changes and new orders through real
// HTTP, each caller only its tenants' (a customer of acme never hears of globex).
forEachSqlBackend(EventsController.name, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  let tokens: { provider: string; customer: string };

  beforeAll(async () => {
    await seedTwoTenants(db());
    api = await startFixtureApi(db(), { live: { intervalMs: 100, heartbeatMs: 200 } });
    tokens = await createProviderAndCustomer((method, path, body) =>
      call(api.port, ADMIN_TOKEN, method, path, body),
    );
  }, 60_000);
  afterAll(() => api?.close());

  it('refuses a stream without a valid token', async () => {
    expect((await call(api.port, null, 'GET', '/api/events')).status).toBe(401);
    expect((await call(api.port, 'hgu_nope', 'GET', '/api/events')).status).toBe(401);
  });

  it("sends a customer its tenant's state changes and new orders only, a provider every tenant's", async () => {
    const provider = await openStream(api.port, tokens.provider);
    const customer = await openStream(api.port, tokens.customer);
    try {
      expect([customer.status, customer.contentType]).toEqual([
        200,
        expect.stringContaining('text/event-stream'),
      ]);
      // Both streams are subscribed once a poll has taken note of the fleet (heartbeats flowed).
      await new Promise((resolve) => setTimeout(resolve, 400));
      for (const tenant of ['globex', 'acme']) {
        await db().query(`update assets set state = 'FAULT', last_seen = now() where id = $1`, [
          `${tenant}-1`,
        ]);
        await new TaskRepository(db()).openIfNone(order(tenant));
      }
      const seen = (s: Stream) => s.events.map((e) => `${e.event} ${e.data.tenantId}`).sort();
      await waitFor(async () => seen(provider).length >= 4, {
        timeoutMs: 10_000,
        intervalMs: 50,
        what: 'four events on the provider stream',
      });
      // The poll that sent the provider globex's events sent the customer's in the same round.
      await waitFor(async () => seen(customer).length >= 2, {
        timeoutMs: 5_000,
        intervalMs: 50,
        what: 'two events on the customer stream',
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen(provider)).toEqual([
        'asset.state acme',
        'asset.state globex',
        'order.raised acme',
        'order.raised globex',
      ]);
      expect(seen(customer)).toEqual(['asset.state acme', 'order.raised acme']);
      expect(customer.events.find((e) => e.event === 'asset.state')?.data).toMatchObject({
        assetId: 'acme-1',
        state: 'FAULT',
      });
      expect(customer.events.find((e) => e.event === 'order.raised')?.data).toMatchObject({
        assetId: 'acme-1',
        component: 'fan-blade',
        status: 'OPEN',
      });
      expect(JSON.stringify(customer.events)).not.toContain('globex');
    } finally {
      provider.close();
      customer.close();
    }
  }, 30_000);

  it('closes the API promptly with a stream still open', async () => {
    const other = await startFixtureApi(db(), { live: { intervalMs: 100 } });
    const stream = await openStream(other.port, ADMIN_TOKEN);
    expect(stream.status).toBe(200);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    stream.close();
  }, 30_000);
});
