import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import { TelemetryStoreError, type TelemetryStore } from '@hourglass/telemetry-store';
import type { DeadLetter, DeadLetterRepository } from './dead-letter.repository';
import type { DurableBatchHook } from './durable-batch.hook';
import { TelemetryIngestService } from './telemetry-ingest.service';
import type { WriteAheadSpool } from './write-ahead-spool';

const NOW = Date.UTC(2026, 10, 23, 12);

class FakeStore implements Pick<TelemetryStore, 'write'> {
  written: TelemetrySample[] = [];
  failures: Error[] = [];
  batches: number[] = [];
  concurrent = 0;
  maxConcurrent = 0;
  async write(samples: readonly TelemetrySample[]): Promise<void> {
    this.concurrent++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    await new Promise((r) => setImmediate(r));
    this.concurrent--;
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.batches.push(samples.length);
    this.written.push(...samples);
  }
}

function setup(options = {}, hooks: DurableBatchHook[] = []) {
  const store = new FakeStore();
  const letters: DeadLetter[] = [];
  const deadLetters = {
    insert: async (l: readonly DeadLetter[]) => void letters.push(...l),
  } as unknown as DeadLetterRepository;
  const metrics = new MetricsRegistry({ defaultMetrics: false });
  const sut = new TelemetryIngestService(
    { store: store as unknown as TelemetryStore, deadLetters, metrics, hooks, now: () => NOW },
    { flushIntervalMs: 5, retryMinMs: 1, retryMaxMs: 4, ...options },
  );
  const acked: string[] = [];
  const send = (id: string, topic: string, payload: unknown) =>
    sut.handle({
      topic,
      payload: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
      ack: () => acked.push(id),
    });
  const counter = async (name: string, labels: Record<string, string> = {}) =>
    (await metrics.registry.getSingleMetric(name)?.get())?.values.find((v) =>
      Object.entries(labels).every(([k, val]) => v.labels[k] === val),
    )?.value ?? 0;
  return { sut, store, letters, acked, send, counter };
}

describe(TelemetryIngestService.name, () => {
  it('hands an idle writer what has gathered once it reaches eagerBatchSize, without waiting for the interval', async () => {
    const { store, acked, send } = setup({
      flushIntervalMs: 60_000,
      batchSize: 100,
      eagerBatchSize: 3,
      maxConcurrentWrites: 1,
    });
    for (let i = 1; i <= 3; i++)
      send(`m${i}`, 'devices/e-1/telemetry', { ts: NOW + i, seq: i, metrics: { t: i } });
    await waitUntil(() => acked.length === 3);
    expect(store.batches).toEqual([3]);
  });

  it('lets batches grow while every writer is busy', async () => {
    const { sut, store, send } = setup({
      flushIntervalMs: 60_000,
      batchSize: 100,
      eagerBatchSize: 1,
      maxConcurrentWrites: 1,
    });
    send('m0', 'devices/e-1/telemetry', { ts: NOW, seq: 0, metrics: { t: 0 } });
    await new Promise((r) => setImmediate(r)); // the eager batch of one is now being written
    for (let i = 1; i <= 5; i++)
      send(`m${i}`, 'devices/e-1/telemetry', { ts: NOW + i, seq: i, metrics: { t: i } });
    await sut.flush();
    expect(store.batches).toEqual([1, 5]);
  });

  it('acknowledges a message only after its samples are stored', async () => {
    const { sut, store, acked, send } = setup({ flushIntervalMs: 60_000 });
    send('m1', 'devices/e-1/telemetry', { ts: NOW, seq: 1, metrics: { t: 1 } });
    expect(acked).toEqual([]);
    expect(store.written).toEqual([]);
    await sut.flush();
    expect(store.written).toEqual([{ deviceId: 'e-1', ts: NOW, seq: 1, metrics: { t: 1 } }]);
    expect(acked).toEqual(['m1']);
  });

  it('retries a retryable failure, waiting at least the server-given delay, and loses nothing', async () => {
    const { sut, store, acked, send, counter } = setup();
    store.failures.push(
      new TelemetryStoreError('503', true, 20),
      new TelemetryStoreError('down', true),
    );
    send('m1', 'devices/e-1/telemetry', { ts: NOW, metrics: { t: 1 } });
    const started = Date.now();
    await sut.flush();
    expect(Date.now() - started).toBeGreaterThanOrEqual(19);
    expect(store.written).toHaveLength(1);
    expect(acked).toEqual(['m1']);
    expect(await counter('hg_ingest_write_retries_total')).toBe(2);
  });

  it("spools a batch sealed during the store's Retry-After instead of writing it, even before the refused batch is in the spool", async () => {
    const appended: number[] = [];
    let size = 0;
    const slowSpool = {
      get size() {
        return size;
      },
      hasRoom: () => true,
      append: async (samples: readonly TelemetrySample[]) => {
        await new Promise((r) => setTimeout(r, 50)); // the refused batch is still being appended
        appended.push(samples.length);
        size += samples.length;
      },
      oldest: async () => null, // nothing replays within this test
    } as unknown as WriteAheadSpool;
    const { sut, store, send, acked } = setup({ spool: slowSpool, retryMinMs: 1 });
    let attempts = 0;
    store.write = async () => {
      attempts++;
      throw new TelemetryStoreError('503', true, 60_000);
    };
    send('m1', 'devices/e-1/telemetry', { ts: NOW, metrics: { t: 1 } });
    await waitUntil(() => attempts === 1);
    send('m2', 'devices/e-1/telemetry', { ts: NOW + 1, metrics: { t: 2 } });
    await sut.flush();
    expect(attempts).toBe(1);
    expect(appended).toEqual([1, 1]);
    expect(acked).toEqual(['m1', 'm2']);
  });

  it('turns a batch the store can never take into dead letters and acknowledges it', async () => {
    const { sut, store, letters, acked, send, counter } = setup();
    store.failures.push(new TelemetryStoreError('400 bad', false));
    send('m1', 'devices/e-1/telemetry', { ts: NOW, metrics: { t: 1 } });
    await sut.flush();
    expect(store.written).toEqual([]);
    expect(letters).toEqual([
      expect.objectContaining({ deviceId: 'e-1', reason: 'store_rejected' }),
    ]);
    expect(acked).toEqual(['m1']);
    expect(await counter('hg_ingest_rejected_total', { reason: 'store_rejected' })).toBe(1);
  });

  it('dead-letters a rejected message with its reason, counts it, and writes nothing for it', async () => {
    const { sut, store, letters, acked, send, counter } = setup();
    send('bad', 'devices/e-1/telemetry', '{"ts": 1, "metrics": {');
    send('topic', 'devices/a,b/telemetry', { ts: NOW, metrics: { t: 1 } });
    await sut.flush();
    expect(store.written).toEqual([]);
    expect(letters.map((l) => l.reason)).toEqual(['invalid_json', 'invalid_topic']);
    expect(acked).toEqual(['bad', 'topic']);
    expect(await counter('hg_ingest_rejected_total', { reason: 'invalid_json' })).toBe(1);
  });

  it('keeps the valid values of a sample whose other value has the wrong type (I7)', async () => {
    const { sut, store, letters, send } = setup();
    send('m1', 'devices/e-1/telemetry', { ts: NOW, metrics: { t: 1, s: '12abc' } });
    await sut.flush();
    expect(store.written).toEqual([{ deviceId: 'e-1', ts: NOW, metrics: { t: 1 } }]);
    expect(letters).toEqual([expect.objectContaining({ reason: 'type_mismatch' })]);
  });

  it('flushes a full batch without waiting for the timer and everything on close', async () => {
    const { sut, store, acked, send } = setup({ batchSize: 2, flushIntervalMs: 60_000 });
    for (let i = 0; i < 5; i++)
      send(`m${i}`, 'devices/e-1/telemetry', { ts: NOW - i, metrics: { t: i } });
    await sut.close();
    expect(store.written).toHaveLength(5);
    expect(acked).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('runs the hooks in order once a batch is stored, retries a failing one with those before it, and acknowledges only after', async () => {
    const calls: string[] = [];
    let failures = 2;
    const { sut, store, acked, send } = setup({ flushIntervalMs: 60_000 }, [
      {
        onDurable: (samples) =>
          void calls.push(`first ${samples.length} stored ${store.written.length}`),
      },
      {
        onDurable: async () => {
          calls.push(`second acked ${acked.length}`);
          if (failures-- > 0) throw new Error('database down');
        },
      },
    ]);
    send('m1', 'devices/e-1/telemetry', { ts: NOW, metrics: { t: 1 } });
    await sut.flush();
    expect(calls).toEqual([
      'first 1 stored 1',
      'second acked 0',
      'first 1 stored 1',
      'second acked 0',
      'first 1 stored 1',
      'second acked 0',
    ]);
    expect(acked).toEqual(['m1']);
  });

  it('gives up within closeRetryMs when closing with the store down and the spool full, leaving the messages unacknowledged', async () => {
    const full = {
      size: 10,
      hasRoom: () => false,
      oldest: async () => null,
    } as unknown as WriteAheadSpool;
    const { sut, store, acked, send, counter } = setup({
      flushIntervalMs: 60_000,
      retryMinMs: 50,
      retryMaxMs: 60_000,
      closeRetryMs: 200,
      spool: full,
    });
    // Retry-After of a minute: close must cut the backoff short, not wait it out.
    let attempts = 0;
    store.write = async () => {
      attempts++;
      throw new TelemetryStoreError('503 store down', true, 60_000);
    };
    send('m1', 'devices/e-1/telemetry', { ts: NOW, metrics: { t: 1 } });
    send('m2', 'devices/e-1/telemetry', { ts: NOW + 1, metrics: { t: 2 } });
    void sut.flush().catch(() => undefined); // the write is now waiting for its next attempt
    await waitUntil(() => attempts === 1);
    const started = Date.now();
    const closing = sut.close();
    await expect(closing).rejects.toMatchObject({
      name: 'IngestClosingError',
      retryable: true,
      samples: 2,
    });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(acked).toEqual([]);
    expect(await counter('hg_ingest_backlog_samples')).toBe(0);
  });

  it('closes the hooks in order after the last batch', async () => {
    const calls: string[] = [];
    const hook = (name: string): DurableBatchHook => ({
      onDurable: () => void calls.push(`${name} batch`),
      close: () => void calls.push(`${name} closed`),
    });
    const { sut, send } = setup({ flushIntervalMs: 60_000 }, [hook('a'), hook('b')]);
    send('m1', 'devices/e-1/telemetry', { ts: NOW, metrics: { t: 1 } });
    await sut.close();
    expect(calls).toEqual(['a batch', 'b batch', 'a closed', 'b closed']);
  });

  it('writes batches of at most batchSize samples, cut at message boundaries, two at a time', async () => {
    const { sut, store, acked, send } = setup({ batchSize: 3, flushIntervalMs: 60_000 });
    for (let i = 0; i < 10; i++) {
      send(`m${i}`, 'devices/e-1/telemetry', {
        batch: [
          { ts: NOW - 2 * i, metrics: { t: i } },
          { ts: NOW - 2 * i - 1, metrics: { t: i } },
        ],
      });
    }
    await sut.close();
    expect(store.written).toHaveLength(20);
    expect(store.batches.every((n) => n <= 4)).toBe(true);
    expect(store.maxConcurrent).toBe(2);
    expect([...acked].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 1));
  }
}
