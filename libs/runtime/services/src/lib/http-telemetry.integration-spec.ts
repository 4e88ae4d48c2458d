import { rmSync } from 'node:fs';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
  type DeviceCredentials,
} from '@hourglass/devices-registry';
import { ingestReceiptResponseSchema } from '@hourglass/contracts-api';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { DeadLetterRepository, TelemetryIngestService } from '@hourglass/telemetry-ingest';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import type { TelemetryStore } from '@hourglass/telemetry-store';
import { waitFor } from '@hourglass/testing-services';
import { startApi } from './api.runner';
import { createInProcessIngest } from './ingest.runner';
import { startPlatform, type RunningPlatform } from './platform.runner';
import { openRuntimeContext, type RuntimeContext } from './runtime-context';
import { migratedDataDir } from '@hourglass/testing-sql';

type Api = Awaited<ReturnType<typeof startApi>>;

/** The `error` of an API answer. */
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;

/** The real store behind a gate: writes wait until `open()`, so ingest's backlog stays full. */
class GatedStore implements TelemetryStore {
  readonly kind;
  entered = 0;
  open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));

  constructor(private readonly inner: TelemetryStore) {
    this.kind = inner.kind;
  }

  async write(samples: readonly TelemetrySample[]): Promise<void> {
    this.entered++;
    await this.gate;
    return this.inner.write(samples);
  }
  query: TelemetryStore['query'] = (id, range) => this.inner.query(id, range);
  ping = () => this.inner.ping();
  close = async () => undefined;
}

/**
 * Issue 18: `POST /api/devices/{id}/telemetry` on the platform's own composition (the runtime's
 * `startApi` given the in-process ingest, as `startPlatform` does), on PGlite and the embedded
 * telemetry store: 200 means the samples are in the store, the device's MQTT credentials are the key,
 * bad payloads are counted and dead-lettered as on MQTT, and a full backlog answers 429.
 */
describe('HTTP telemetry (POST /api/devices/{id}/telemetry)', () => {
  let ctx: RuntimeContext;
  let ingest: Awaited<ReturnType<typeof createInProcessIngest>>;
  let api: Api;
  let dataDir: string;
  const creds: Record<string, DeviceCredentials> = {};
  const ts0 = Date.now() - 60_000;

  const post = (
    target: Api,
    path: string,
    body: string | Buffer,
    auth: DeviceCredentials | null = creds['http-1'],
  ) =>
    fetch(`http://127.0.0.1:${target.port}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(auth
          ? {
              authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
            }
          : {}),
      },
      body,
    });
  const stored = async (deviceId: string) =>
    ctx.telemetry.query(deviceId, { from: ts0 - 1_000, to: Date.now() + 60_000 });
  const metric = async (name: string, labels: Record<string, string> = {}) =>
    (await ctx.metrics.registry.getSingleMetric(name)?.get())?.values.find((v) =>
      Object.entries(labels).every(([k, l]) => v.labels[k] === l),
    )?.value ?? 0;
  const sample = (i: number) => JSON.stringify({ ts: ts0 + i, seq: i, metrics: { s2: 640 + i } });

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-http-telemetry-');
    ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir, HG_INGEST_FLUSH_MS: '20' }),
      () => undefined,
    );
    ingest = await createInProcessIngest(ctx);
    api = await startApi(ctx, { port: 0, telemetryIntake: ingest.service });
    const registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    for (const id of ['http-1', 'http-2']) {
      creds[id] = (await registry.provision(PROVIDER_SCOPE, { id, type: 'turbofan' })).credentials;
    }
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await ingest?.stop();
    await ctx?.telemetry.close();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('answers 200 only once the sample is in the store, and counts it as MQTT does', async () => {
    const before = await metric('hg_ingest_samples_written_total');
    const res = await post(api, '/api/devices/http-1/telemetry', sample(1));
    expect([res.status, await res.json()]).toEqual([200, { accepted: 1, rejected: [] }]);
    // No waiting: the 200 itself is the promise that the sample is stored.
    expect((await stored('http-1')).map((r) => [r.ts, r.seq, r.metrics])).toEqual([
      [ts0 + 1, 1, { s2: 641 }],
    ]);
    expect((await metric('hg_ingest_samples_written_total')) - before).toBe(1);
  });

  it('takes a {"batch": [...]} and stores its valid samples, listing the rejected ones', async () => {
    const body = `{"batch": [${sample(2)}, ${sample(3)}, {"ts": ${ts0 + 4}, "metrics": {"s2": "12abc"}}]}`;
    const res = await post(api, '/api/devices/http-1/telemetry', body);
    expect(res.status).toBe(200);
    const receipt: unknown = await res.json();
    // The answer as the OpenAPI document describes it (@hourglass/contracts-api).
    expect(ingestReceiptResponseSchema.safeParse(receipt).error?.issues).toBeUndefined();
    expect(receipt).toEqual({
      accepted: 2,
      rejected: [
        expect.objectContaining({ index: 2, reason: 'type_mismatch' }),
        expect.objectContaining({ index: 2, reason: 'empty_sample' }),
      ],
    });
    expect((await stored('http-1')).map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it("refuses wrong credentials (401) and another device's id (403), storing nothing", async () => {
    const wrong = { username: 'http-1', password: 'not-the-password' };
    const refused = await post(api, '/api/devices/http-1/telemetry', sample(10), wrong);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await post(api, '/api/devices/http-1/telemetry', sample(11), null)).status).toBe(401);
    const other = await post(api, '/api/devices/http-1/telemetry', sample(12), creds['http-2']);
    expect(other.status).toBe(403);
    expect((await errorOf(other)).message).toMatch(/http-2 may post telemetry only/);
    expect((await stored('http-1')).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await stored('http-2')).toEqual([]);
  });

  it('answers a bad payload 400 with the reason, counted and dead-lettered like MQTT', async () => {
    const before = await metric('hg_ingest_rejected_total', { reason: 'invalid_json' });
    const payload = `{"ts": ${ts0 + 20}, "metrics": {"s2": 1}} trailing`;
    const res = await post(api, '/api/devices/http-1/telemetry', payload);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({
      code: 'VALIDATION',
      message: expect.stringMatching(/^invalid_json: /),
    });
    expect((await metric('hg_ingest_rejected_total', { reason: 'invalid_json' })) - before).toBe(1);
    const [letter] = await new DeadLetterRepository(ctx.db).list({ deviceIds: ['http-1'] });
    expect(letter).toMatchObject({
      deviceId: 'http-1',
      topic: 'devices/http-1/telemetry',
      reason: 'invalid_json',
      payload,
    });
  });

  it("reads bodies up to 1 MiB for ingest's own payload limit, and answers 413 past it", async () => {
    const before = await metric('hg_ingest_rejected_total', { reason: 'payload_too_large' });
    const big = await post(api, '/api/devices/http-1/telemetry', Buffer.alloc(300 * 1024, 0x20));
    expect(big.status).toBe(400);
    expect((await errorOf(big)).message).toMatch(/^payload_too_large: /);
    expect(
      (await metric('hg_ingest_rejected_total', { reason: 'payload_too_large' })) - before,
    ).toBe(1);
    const huge = await post(api, '/api/devices/http-1/telemetry', Buffer.alloc(1024 * 1024 + 1));
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 429 with Retry-After while the backlog is full, and 200 once the store catches up', async () => {
    const store = new GatedStore(ctx.telemetry);
    const slow = new TelemetryIngestService(
      { store, deadLetters: new DeadLetterRepository(ctx.db), metrics: ctx.metrics },
      { flushIntervalMs: 5, maxSubmitBacklog: 1 },
    );
    const slowApi = await startApi(ctx, { port: 0, telemetryIntake: slow });
    try {
      const first = post(slowApi, '/api/devices/http-1/telemetry', sample(30));
      await waitFor(() => store.entered === 1, { timeoutMs: 10_000, what: 'a held store write' });
      const busy = await post(slowApi, '/api/devices/http-1/telemetry', sample(31));
      expect(busy.status).toBe(429);
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await errorOf(busy)).code).toBe('INGEST_BUSY');
      store.open();
      expect((await first).status).toBe(200);
      expect((await post(slowApi, '/api/devices/http-1/telemetry', sample(31))).status).toBe(200);
      expect((await stored('http-1')).map((r) => r.seq)).toEqual([1, 2, 3, 30, 31]);
    } finally {
      store.open();
      await slowApi.close();
      await slow.close();
    }
  });

  it('is described in the OpenAPI document the API serves, with device Basic auth', async () => {
    const res = await fetch(`http://127.0.0.1:${api.port}/api/docs/openapi.json`);
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, { security?: unknown; responses?: object }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    const route = doc.paths['/api/devices/{id}/telemetry']?.post;
    expect(route?.security).toEqual([{ device: [] }]);
    expect(Object.keys(route?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '413', '429', '503']),
    );
    expect(doc.components.securitySchemes['device']).toMatchObject({ scheme: 'basic' });
  });

  it('answers 503 from an API process without ingest (apps/api) instead of taking the samples', async () => {
    const apiOnly = await startApi(ctx, { port: 0 });
    try {
      const res = await post(apiOnly, '/api/devices/http-1/telemetry', sample(40));
      expect(res.status).toBe(503);
      expect(await errorOf(res)).toMatchObject({
        code: 'INGEST_NOT_HOSTED',
        message: expect.stringMatching(/runs no telemetry ingest/),
      });
      expect((await stored('http-1')).map((r) => r.seq)).not.toContain(40);
    } finally {
      await apiOnly.close();
    }
  });
});

describe('HTTP telemetry in the whole platform (npm start)', () => {
  const token = 'http-telemetry-admin-token-0123456789';
  let platform: RunningPlatform;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-http-platform-');
    platform = await startPlatform(
      loadPlatformConfig({
        HG_DATA_DIR: dataDir,
        HG_HTTP_PORT: '0',
        HG_MQTT_PORT: '0',
        HG_SIMULATOR: 'off',
        HG_ADMIN_TOKEN: token,
        HG_ACCESS_LOG: 'off',
      }),
      () => undefined,
    );
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("stores a device's post through startPlatform's own ingest, readable through the API at once", async () => {
    const admin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const provisioned = await fetch(`${platform.httpUrl}/api/devices`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ id: 'plat-1', type: 'turbofan' }),
    });
    const { credentials } = (await provisioned.json()) as { credentials: DeviceCredentials };
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`);
    const ts = Date.now() - 1_000;
    const posted = await fetch(`${platform.httpUrl}/api/devices/plat-1/telemetry`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic.toString('base64')}` },
      body: JSON.stringify({ ts, seq: 7, metrics: { s2: 642.5 } }),
    });
    expect([posted.status, await posted.json()]).toEqual([200, { accepted: 1, rejected: [] }]);
    const range = `from=${new Date(ts - 1_000).toISOString()}&to=${new Date(ts + 1_000).toISOString()}`;
    const read = await fetch(`${platform.httpUrl}/api/assets/plat-1/telemetry?${range}`, {
      headers: admin,
    });
    expect(((await read.json()) as { items: unknown[] }).items).toEqual([
      { ts, seq: 7, metrics: { s2: 642.5 } },
    ]);
  });
});
