import {
  deviceIdFromTopic,
  parseTelemetry,
  type TelemetryLimits,
  type TelemetryRejection,
  type TelemetrySample,
} from '@hourglass/telemetry-schema';
import { TelemetryStoreError, type TelemetryStore } from '@hourglass/telemetry-store';
import type { DeadLetter, DeadLetterRepository } from './dead-letter.repository';
import type { ReceivedMessage } from './durable-ack-subscriber';
import type { DurableBatchHook } from './durable-batch.hook';
import { IngestBusyError } from './ingest-busy.error';
import { IngestCloseSignal, IngestClosingError } from './ingest-close.signal';
import {
  DEFAULT_INGEST_OPTIONS,
  type TelemetryIngestDependencies,
  type TelemetryIngestOptions,
} from './telemetry-ingest.options';
import type { WriteAheadSpool } from './write-ahead-spool';

interface Pending {
  samples: TelemetrySample[];
  letters: DeadLetter[];
  acks: Array<() => void>;
  /** Told when close() gives the batch up (submit()'s callers; MQTT's broker redelivers instead). */
  abandons: Array<(error: IngestClosingError) => void>;
}

const empty = (): Pending => ({ samples: [], letters: [], acks: [], abandons: [] });

/** What {@link TelemetryIngestService.submit} answers once a message is durable. */
export interface IngestReceipt {
  /** Samples of the message now durable (in the store or the spool). */
  accepted: number;
  /** What was rejected, in message order: counted and dead-lettered as for MQTT. */
  rejected: TelemetryRejection[];
}

/** A message another decoder (Sparkplug B) turned into validated samples of one device. */
export interface DecodedMessage {
  /** The device the samples and rejections belong to; null when none could be named. */
  deviceId: string | null;
  samples: TelemetrySample[];
  /** Rejections in message order; each is counted under its reason, all in one dead letter. */
  rejected: ReadonlyArray<{ reason: string; detail: string }>;
  /** The payload as the dead letter keeps it (binary payloads as `base64:` text). */
  letterPayload: string;
}

/**
 * Validates device messages and writes them to the telemetry store in batches. A message is
 * acknowledged only after its samples are durable (stored or spooled), the hooks have seen them and
 * the dead letters of whatever was rejected are stored; a failed write is retried with backoff,
 * never dropped, while the subscriber's unacknowledged window pushes back on the broker.
 */
export class TelemetryIngestService {
  private pending = empty();
  private timer?: NodeJS.Timeout;
  private eager?: NodeJS.Immediate;
  /** Full batches waiting for a writer, oldest first. */
  private readonly sealed: Pending[] = [];
  private readonly writing = new Set<Promise<void>>();
  /** Samples received and not yet stored or spooled. */
  private unstored = 0;
  private closed = false;
  /** Set before the final flush: bounds the retries of a failing store or hook (issue 12 item 14). */
  private readonly closeSignal = new IngestCloseSignal();
  /** What close() left unacknowledged because its writes still failed when the budget ran out. */
  private readonly abandoned = { messages: 0, samples: 0 };
  private draining?: Promise<void>;
  /** Epoch ms before which the store must not be written to again (its Retry-After, or the backoff). */
  private storeNotBefore = 0;
  private readonly options: TelemetryIngestOptions;
  private readonly store: TelemetryStore;
  private readonly deadLetters: DeadLetterRepository;
  private readonly hooks: readonly DurableBatchHook[];
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly m;

  /**
   * @param deps the store, dead letters, metrics, the hooks run after each durable batch, clock and log.
   * @param options write-path settings; each one left out takes its value from {@link DEFAULT_INGEST_OPTIONS}.
   */
  constructor(deps: TelemetryIngestDependencies, options: Partial<TelemetryIngestOptions> = {}) {
    this.store = deps.store;
    this.deadLetters = deps.deadLetters;
    this.hooks = deps.hooks ?? [];
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? (() => undefined);
    const metrics = deps.metrics;
    this.options = { ...DEFAULT_INGEST_OPTIONS, ...options };
    this.m = {
      messages: metrics.counter('hg_ingest_messages_total', 'telemetry messages received'),
      samples: metrics.counter(
        'hg_ingest_samples_written_total',
        'samples durably written to the telemetry store',
      ),
      rejected: metrics.counter(
        'hg_ingest_rejected_total',
        'rejected messages, samples or values by reason',
        ['reason'],
      ),
      retries: metrics.counter(
        'hg_ingest_write_retries_total',
        'failed store writes that will be retried',
      ),
      backlog: metrics.gauge('hg_ingest_backlog_samples', 'samples received but not yet stored'),
      spooled: metrics.counter(
        'hg_ingest_spooled_samples_total',
        'samples written to the local spool while the store failed',
      ),
      spoolBacklog: metrics.gauge(
        'hg_ingest_spool_samples',
        'samples in the local spool waiting for the store',
      ),
      batchSeconds: metrics.histogram(
        'hg_ingest_batch_write_seconds',
        'store write time per batch',
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      ),
    };
  }

  /** Takes one MQTT message; its `ack` is called once everything it carried is durable. */
  handle(message: ReceivedMessage): void {
    this.m.messages.inc();
    const deviceId = deviceIdFromTopic(message.topic);
    if (deviceId === null) {
      this.reject(
        message,
        null,
        'invalid_topic',
        `not a telemetry topic of a valid device id: ${message.topic}`,
      );
    } else {
      this.take(deviceId, message);
    }
    this.m.backlog.set(this.unstored);
    this.schedule();
  }

  /**
   * Takes one message of `deviceId` from another transport (HTTP) and resolves once everything it
   * carried is durable, as an MQTT message is acknowledged: the same validation, counters, dead
   * letters and hooks. Refuses at once, taking nothing, with a retryable {@link IngestBusyError}
   * while `maxSubmitBacklog` samples wait for the store, and with {@link IngestClosingError} once
   * close() has begun; rejects with IngestClosingError when close() gives the batch up.
   */
  async submit(deviceId: string, payload: Buffer): Promise<IngestReceipt> {
    if (this.closeSignal.closing) throw new IngestClosingError('ingest is shutting down');
    if (this.unstored >= this.options.maxSubmitBacklog) {
      const wait = Math.max(1, Math.ceil((this.storeNotBefore - Date.now()) / 1000));
      throw new IngestBusyError(
        `ingest has ${this.unstored} samples waiting for the store (limit ${this.options.maxSubmitBacklog}): retry in ${wait} s`,
        wait,
      );
    }
    this.m.messages.inc();
    let rejected: TelemetryRejection[] = [];
    let accepted = 0;
    await new Promise<void>((ack, abandon) => {
      const topic = `devices/${deviceId}/telemetry`;
      ({ rejected, accepted } = this.take(deviceId, { topic, payload, ack }));
      this.pending.abandons.push(abandon);
      this.m.backlog.set(this.unstored);
      this.schedule();
    });
    return { accepted, rejected };
  }

  /**
   * Takes one message that another decoder validated (Sparkplug B, with {@link validateTelemetryValue}
   * of @hourglass/telemetry-schema and {@link TelemetryIngestService.limits}): the same batches,
   * counters, dead letters and hooks as handle(), and `ack` once everything it carried is durable.
   */
  handleDecoded(message: ReceivedMessage, decoded: DecodedMessage): void {
    this.m.messages.inc();
    for (const r of decoded.rejected) this.m.rejected.inc({ reason: r.reason });
    if (decoded.rejected.length > 0) {
      this.pending.letters.push({
        deviceId: decoded.deviceId,
        topic: message.topic,
        reason: decoded.rejected[0].reason,
        detail: decoded.rejected
          .map((r) => r.detail)
          .join('; ')
          .slice(0, 2_000),
        payload: decoded.letterPayload,
      });
    }
    for (const s of decoded.samples) this.pending.samples.push(s);
    this.unstored += decoded.samples.length;
    this.pending.acks.push(message.ack);
    this.m.backlog.set(this.unstored);
    this.schedule();
  }

  /** The validation limits this ingest applies (for decoders that validate before handleDecoded). */
  get limits(): TelemetryLimits {
    return this.options.limits;
  }

  /** Parses one message into the pending batch: its samples, dead letter and acknowledgement. */
  private take(deviceId: string, message: ReceivedMessage): IngestReceipt {
    const result = parseTelemetry(deviceId, message.payload, this.now(), this.options.limits);
    for (const r of result.rejected) {
      this.m.rejected.inc({ reason: r.reason });
    }
    if (result.rejected.length > 0) {
      const detail = result.rejected
        .map((r) => (r.index === undefined ? r.detail : `[${r.index}] ${r.detail}`))
        .join('; ');
      this.pending.letters.push({
        deviceId,
        topic: message.topic,
        reason: result.rejected[0].reason,
        detail: detail.slice(0, 2_000),
        payload: message.payload.toString('utf8'),
      });
    }
    for (const s of result.samples) this.pending.samples.push(s);
    this.unstored += result.samples.length;
    this.pending.acks.push(message.ack);
    return { accepted: result.samples.length, rejected: result.rejected };
  }

  /** Writes everything received so far; resolves when it is durable and acknowledged. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    clearImmediate(this.eager);
    this.eager = undefined;
    this.seal();
    this.pump();
    while (this.writing.size > 0) await Promise.race(this.writing);
  }

  /**
   * Graceful stop: flushes every buffered message (to the store, or to the spool if it fails), then
   * closes the hooks in order. A write still failing `closeRetryMs` after the close began (store down,
   * spool full) is given up: its messages stay unacknowledged for the broker to redeliver, and close
   * rejects with a retryable {@link IngestClosingError} once the hooks are closed.
   */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.closeSignal.begin(this.options.closeRetryMs);
    await this.flush();
    this.closed = true;
    await this.draining;
    for (const hook of this.hooks) await hook.close?.();
    const { messages, samples } = this.abandoned;
    if (messages > 0) {
      const line = `ingest: closed with ${messages} messages (${samples} samples) unacknowledged; the broker redelivers them`;
      this.log(line);
      throw new IngestClosingError(line, samples);
    }
  }

  /** Replays what a previous process left in the spool; call once at start. */
  resumeSpool(): void {
    this.kickDrain();
  }

  private reject(
    message: ReceivedMessage,
    deviceId: string | null,
    reason: string,
    detail: string,
  ): void {
    this.m.rejected.inc({ reason });
    this.pending.letters.push({
      deviceId,
      topic: message.topic,
      reason,
      detail,
      payload: message.payload.toString('utf8'),
    });
    this.pending.acks.push(message.ack);
  }

  /**
   * A full batch is sealed at once (at a message boundary); a partial one when the interval ends,
   * or as soon as an idle writer can take at least `eagerBatchSize` samples (after the messages
   * of the current socket reads are in).
   */
  private schedule(): void {
    if (this.pending.samples.length >= this.options.batchSize) {
      this.seal();
      this.pump();
      return;
    }
    if (
      !this.eager &&
      this.writerIdle() &&
      this.pending.samples.length >= this.options.eagerBatchSize
    ) {
      this.eager = setImmediate(() => {
        this.eager = undefined;
        if (!this.writerIdle() || this.pending.samples.length < this.options.eagerBatchSize) return;
        this.seal();
        this.pump();
      });
    }
    if (!this.timer && this.pending.acks.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.seal();
        this.pump();
      }, this.options.flushIntervalMs);
      this.timer.unref();
    }
  }

  private writerIdle(): boolean {
    return this.writing.size < this.options.maxConcurrentWrites && this.sealed.length === 0;
  }

  private seal(): void {
    if (this.pending.acks.length === 0) return;
    this.sealed.push(this.pending);
    this.pending = empty();
  }

  /** Starts writers for sealed batches, up to `maxConcurrentWrites` at once. */
  private pump(): void {
    while (this.writing.size < this.options.maxConcurrentWrites && this.sealed.length > 0) {
      const batch = this.sealed.shift() as Pending;
      const write: Promise<void> = this.writeBatch(batch).finally(() => {
        this.writing.delete(write);
        this.pump();
      });
      this.writing.add(write);
    }
    if (this.pending.acks.length > 0) this.schedule();
  }

  private async writeBatch(batch: Pending): Promise<void> {
    const received = batch.samples.length;
    try {
      await this.writeWithRetry(batch);
    } catch (error) {
      if (!(error instanceof IngestClosingError)) throw error;
      // Not acknowledged: QoS 1 brings these messages back to whoever consumes next.
      this.abandoned.messages += batch.acks.length;
      this.abandoned.samples += received;
      for (const abandon of batch.abandons) abandon(error);
      this.log(
        `${error.message}; leaving ${batch.acks.length} messages (${received} samples) unacknowledged`,
      );
      this.unstored -= received;
      this.m.backlog.set(this.unstored);
      return;
    }
    for (const ack of batch.acks) ack();
    this.unstored -= received;
    this.m.backlog.set(this.unstored);
  }

  private async writeWithRetry(batch: Pending): Promise<void> {
    const t0 = performance.now();
    if (batch.samples.length > 0) await this.storeOrSpool(batch);
    // One step, retried as a whole until it succeeds; the acknowledgements wait for it (DurableBatchHook).
    await this.retrying('durable-batch hooks and dead-letter write', async () => {
      for (const hook of this.hooks) await hook.onDurable(batch.samples);
      await this.deadLetters.insert(batch.letters);
    });
    this.m.batchSeconds.observe((performance.now() - t0) / 1000);
  }

  /** Writes the samples to the store; when it fails and a spool has room, to the spool instead. */
  private async storeOrSpool(batch: Pending): Promise<void> {
    const spool = this.options.spool;
    // While the spool holds anything, new batches queue behind it (the drainer catches up at full batch
    // size); so do they while the store's Retry-After runs, even before the refused batch is in the
    // spool (a second writer sealed its batch while the first was still appending).
    if (
      spool &&
      (spool.size > 0 || Date.now() < this.storeNotBefore) &&
      spool.hasRoom(batch.samples.length)
    )
      return this.spoolBatch(spool, batch.samples);
    await this.retrying('store write', async () => {
      try {
        await this.store.write(batch.samples);
        this.m.samples.inc(batch.samples.length); // only what the store took (spooled: counted on replay)
      } catch (error) {
        if (error instanceof TelemetryStoreError && !error.retryable) {
          // The store will never take this batch: keep it as dead letters rather than loop.
          this.m.rejected.inc({ reason: 'store_rejected' }, batch.samples.length);
          batch.letters.push(...storeRejected(batch.samples, error.message));
          batch.samples = [];
        } else if (spool?.hasRoom(batch.samples.length)) {
          this.log(
            `ingest: store write failed (${(error as Error).message}); spooling ${batch.samples.length} samples locally`,
          );
          // The drainer replays this batch next: not before the store said it may be asked again.
          this.storeNotBefore = Date.now() + this.retryDelay(error, this.options.retryMinMs);
          await this.spoolBatch(spool, batch.samples);
        } else {
          throw error;
        }
      }
    });
  }

  private async spoolBatch(spool: WriteAheadSpool, samples: TelemetrySample[]): Promise<void> {
    await spool.append(samples);
    this.m.spooled.inc(samples.length);
    this.m.spoolBacklog.set(spool.size);
    this.kickDrain();
  }

  private kickDrain(): void {
    const spool = this.options.spool;
    if (!spool || this.draining || spool.size === 0) return;
    this.draining = this.drain(spool).finally(() => (this.draining = undefined));
  }

  /** Replays spooled batches into the store, oldest first, until the spool is empty or ingest closes. */
  private async drain(spool: WriteAheadSpool): Promise<void> {
    let delay = this.options.retryMinMs;
    for (
      let batch = await spool.oldest();
      batch && !this.closeSignal.closing;
      batch = await spool.oldest()
    ) {
      const hold = this.storeNotBefore - Date.now();
      if (hold > 0) await this.closeSignal.sleep(hold);
      if (this.closeSignal.closing) break; // what is spooled is durable: replayed at the next start
      try {
        await this.store.write(batch.samples);
        await spool.remove(batch.id);
        this.m.samples.inc(batch.samples.length);
        this.m.spoolBacklog.set(spool.size);
        delay = this.options.retryMinMs;
      } catch (error) {
        this.m.retries.inc();
        const wait = this.retryDelay(error, delay);
        this.log(
          `ingest: spool replay failed: ${(error as Error).message}; retrying in ${wait} ms`,
        );
        await this.closeSignal.sleep(wait);
        delay = Math.min(delay * 2, this.options.retryMaxMs);
      }
    }
  }

  /**
   * Runs `work` until it succeeds, with exponential backoff that honours the server's Retry-After;
   * once closing, only until the close budget is spent (then IngestClosingError).
   */
  private async retrying(what: string, work: () => Promise<void>): Promise<void> {
    let delay = this.options.retryMinMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (this.closeSignal.expired()) {
          throw new IngestClosingError(
            `ingest: ${what} still failing while closing (attempt ${attempt}): ${(error as Error).message}`,
          );
        }
        this.m.retries.inc();
        const wait = this.retryDelay(error, delay);
        this.log(
          `ingest: ${what} failed (attempt ${attempt}): ${(error as Error).message}; retrying in ${wait} ms`,
        );
        await this.closeSignal.sleep(wait);
        delay = Math.min(delay * 2, this.options.retryMaxMs);
      }
    }
  }

  private retryDelay(error: unknown, backoff: number): number {
    return Math.max(backoff, error instanceof TelemetryStoreError ? (error.retryAfterMs ?? 0) : 0);
  }
}

function storeRejected(samples: readonly TelemetrySample[], detail: string): DeadLetter[] {
  return samples.map((s) => ({
    deviceId: s.deviceId,
    topic: `devices/${s.deviceId}/telemetry`,
    reason: 'store_rejected',
    detail: detail.slice(0, 2_000),
    payload: JSON.stringify({ ts: s.ts, seq: s.seq, metrics: s.metrics, state: s.state }),
  }));
}
