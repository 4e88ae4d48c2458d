import type { SqlDatabase } from '@hourglass/platform-sql';
import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { DEFAULT_TELEMETRY_READ_LIMITS } from '../telemetry/telemetry-read-limits';
import { ADMIN_TOKEN, call, seedTwoTenants, startFixtureApi, type Json } from './users-api.fixture';

const ROWS = 1_500;
const METRICS = 256;
const START = Date.now() - 2 * 3_600_000;
const MB = 1024 * 1024;

/** Samples as wide as a device could send before the per-sample limit (256 metrics of 64-character names). */
function wideSamples(first: number, count: number) {
  const names = Array.from(
    { length: METRICS },
    (_, i) => `${'w'.repeat(60)}${String(i).padStart(4, '0')}`,
  );
  return Array.from({ length: count }, (_, k) => ({
    deviceId: 'acme-1',
    ts: START + (first + k) * 1_000,
    seq: first + k,
    metrics: Object.fromEntries(names.map((name, i) => [name, first + k + i / 1000])),
  }));
}

/** Reads an answer without keeping it: its size, its last bytes, and the largest RSS growth seen meanwhile. */
async function measure(
  url: string,
): Promise<{ status: number; bytes: number; tail: string; rssGrowth: number }> {
  global.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    let bytes = 0;
    let tail = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      tail = (tail + Buffer.from(chunk).toString('utf8')).slice(-300);
      peak = Math.max(peak, process.memoryUsage.rss());
    }
    return { status: response.status, bytes, tail, rssGrowth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

// Issue 12 item 2, hostile input R3: a telemetry read is bounded in bytes and streamed, through real HTTP on both SQL engines.
forEachSqlBackend('GET /api/assets/{id}/telemetry limits', (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  const path = `/api/assets/acme-1/telemetry?from=${START}&to=${START + ROWS * 1_000}&resolution=raw`;

  beforeAll(async () => {
    await seedTwoTenants(db());
    const store = await EmbeddedTelemetryStore.open(db());
    for (let i = 0; i < ROWS; i += 100) await store.write(wideSamples(i, 100));
    api = await startFixtureApi(db());
  }, 300_000);

  afterAll(async () => {
    await api?.close();
  });

  it('answers a huge limit with a page within the byte budget, streamed with little memory', async () => {
    const first = await measure(`http://127.0.0.1:${api.port}${path}&limit=100000`);
    expect(first.status).toBe(200);
    expect(first.bytes).toBeLessThanOrEqual(DEFAULT_TELEMETRY_READ_LIMITS.maxResponseBytes);
    expect(first.bytes).toBeGreaterThan(DEFAULT_TELEMETRY_READ_LIMITS.maxResponseBytes - 64 * 1024);
    expect(first.tail).toMatch(/\],"nextCursor":"[A-Za-z0-9_-]+"\}$/);
    // The whole answer would be ~33 MB: built as one string it grows the process by far more than that.
    expect(first.rssGrowth).toBeLessThan(48 * MB);
  }, 120_000);

  it('gives every row exactly once when the cursors are followed', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await call(
        api.port,
        ADMIN_TOKEN,
        'GET',
        `${path}&limit=100000${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r: Json) => r.seq));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, i) => i));
    expect(pages).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('pages by the row limit too, and says when nothing follows', async () => {
    const first = await call(
      api.port,
      ADMIN_TOKEN,
      'GET',
      `${path}&limit=10&metrics=${'w'.repeat(60)}0001`,
    );
    expect(first.body.items.map((r: Json) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(first.body.items[0].metrics).toEqual({ [`${'w'.repeat(60)}0001`]: 0.001 });
    const second = await call(
      api.port,
      ADMIN_TOKEN,
      'GET',
      `${path}&limit=10&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items[0].seq).toBe(10);
    const last = await call(api.port, ADMIN_TOKEN, 'GET', `${path}&limit=${ROWS}&metrics=x`);
    expect(last.body.nextCursor).toBeUndefined();
  }, 120_000);

  it.each([
    ['limit=100001', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['colour=red', 'colour'],
  ])('answers %s with a 400 naming the field', async (query, field) => {
    const r = await call(api.port, ADMIN_TOKEN, 'GET', `/api/assets/acme-1/telemetry?${query}`);
    expect(r).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', message: expect.stringContaining(field) } },
    });
  });
});
