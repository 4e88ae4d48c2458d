import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import { TelemetryStoreError, type TelemetryStore } from '@hourglass/telemetry-store';
import type { DeadLetter, DeadLetterRepository } from './dead-letter.repository';
import { IngestBusyError } from './ingest-busy.error';
import { IngestClosingError } from './ingest-close.signal';
import { TelemetryIngestService } from './telemetry-ingest.service';
import type { WriteAheadSpool } from './write-ahead-spool';

const NOW = Date.UTC(2026, 11, 7, 12);
const body = (value: unknown) => Buffer.from(JSON.stringify(value));

/** A store whose writes wait until released, so a test sees what happens meanwhile. */
class HeldStore implements Pick<TelemetryStore, 'write'> {
  written: TelemetrySample[] = [];
  held: Array<() => void> = [];
  fail?: Error;
  async write(samples: readonly TelemetrySample[]): Promise<void> {
    if (this.fail) throw this.fail;
    await new Promise<void>((release) => this.held.push(release));
    this.written.push(...samples);
  }
  releaseAll(): void {
    for (const release of this.held.splice(0)) release();
  }
}

function setup(options = {}) {
  const store = new HeldStore();
  const letters: DeadLetter[] = [];
  const deadLetters = {
    insert: async (l: readonly DeadLetter[]) => void letters.push(...l),
  } as unknown as DeadLetterRepository;
  const metrics = new MetricsRegistry({ defaultMetrics: false });
  const sut = new TelemetryIngestService(
    { store: store as unknown as TelemetryStore, deadLetters, metrics, now: () => NOW },
    { flushIntervalMs: 5, retryMinMs: 1, retryMaxMs: 4, ...options },
  );
  const counter = async (name: string) =>
    (await metrics.registry.getSingleMetric(name)?.get())?.values[0]?.value ?? 0;
  return { sut, store, letters, counter };
}

describe(`${TelemetryIngestService.name}.submit`, () => {
  it('resolves only once the samples are stored, with what was rejected', async () => {
    const { sut, store, letters } = setup();
    let done = false;
    const receipt = sut
      .submit(
        'd-1',
        body({
          batch: [
            { ts: NOW, metrics: { t: 1 } },
            { ts: NOW, metrics: { t: 'x' } },
          ],
        }),
      )
      .finally(() => (done = true));
    await waitUntil(() => store.held.length === 1);
    expect(done).toBe(false);
    store.releaseAll();
    expect(await receipt).toEqual({
      accepted: 1,
      rejected: [
        expect.objectContaining({ index: 1, reason: 'type_mismatch' }),
        expect.objectContaining({ index: 1, reason: 'empty_sample' }),
      ],
    });
    expect(store.written).toHaveLength(1);
    expect(letters).toEqual([
      expect.objectContaining({ deviceId: 'd-1', reason: 'type_mismatch' }),
    ]);
    await sut.close();
  });

  it('refuses with a retryable IngestBusyError, taking nothing, while maxSubmitBacklog samples wait', async () => {
    const { sut, store, counter } = setup({ maxSubmitBacklog: 2 });
    const first = sut.submit(
      'd-1',
      body({
        batch: [
          { ts: NOW, metrics: { t: 1 } },
          { ts: NOW + 1, metrics: { t: 2 } },
        ],
      }),
    );
    await waitUntil(() => store.held.length === 1);
    const refused = await sut
      .submit('d-1', body({ ts: NOW + 2, metrics: { t: 3 } }))
      .catch((e) => e);
    expect(refused).toBeInstanceOf(IngestBusyError);
    expect(refused).toMatchObject({ code: 'INGEST_BUSY', retryable: true, retryAfterSeconds: 1 });
    expect(await counter('hg_ingest_messages_total')).toBe(1);
    store.releaseAll();
    await first;
    const again = sut.submit('d-1', body({ ts: NOW + 2, metrics: { t: 3 } }));
    await waitUntil(() => store.held.length === 1);
    store.releaseAll();
    await expect(again).resolves.toEqual({
      accepted: 1,
      rejected: [],
    });
    expect(store.written.map((s) => s.ts)).toEqual([NOW, NOW + 1, NOW + 2]);
    await sut.close();
  });

  it('rejects a waiting submit with IngestClosingError when close() gives its batch up, and refuses new ones', async () => {
    const full = { size: 1, hasRoom: () => false, oldest: async () => null };
    const { sut, store } = setup({
      closeRetryMs: 50,
      spool: full as unknown as WriteAheadSpool,
    });
    store.fail = new TelemetryStoreError('503 store down', true);
    const waiting = sut.submit('d-1', body({ ts: NOW, metrics: { t: 1 } }));
    const closing = sut.close();
    await expect(waiting).rejects.toBeInstanceOf(IngestClosingError);
    await expect(closing).rejects.toBeInstanceOf(IngestClosingError);
    await expect(sut.submit('d-1', body({ ts: NOW, metrics: { t: 1 } }))).rejects.toBeInstanceOf(
      IngestClosingError,
    );
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 1));
  }
}
