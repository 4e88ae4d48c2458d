import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import { InfluxTelemetryStore } from '@hourglass/telemetry-store-influx';
import { DeadLetterRepository } from '../lib/dead-letter.repository';
import { DurableAckSubscriber } from '../lib/durable-ack-subscriber';
import type { DurableBatchHook } from '../lib/durable-batch.hook';
import type { TelemetryIngestOptions } from '../lib/telemetry-ingest.options';
import { TelemetryIngestService } from '../lib/telemetry-ingest.service';
import { WriteAheadSpool } from '../lib/write-ahead-spool';

/** Options of {@link startInProcessIngest}. */
export interface InProcessIngestOptions {
  mqttUrl: string;
  /** The store's connection; `timeoutMs` is its request timeout (default: the store's 10 s). */
  influx: { url: string; token: string; org: string; bucket: string; timeoutMs?: number };
  /** Subscriber's unacknowledged window (default: the subscriber's own default). */
  maxUnacked?: number;
  /** Write-path settings (default: the service's defaults). */
  ingest?: Partial<Omit<TelemetryIngestOptions, 'spool'>>;
  /** The local write-ahead spool, as the platform has one (omit for none: back-pressure only). */
  spool?: { dir: string; maxSamples?: number };
  /** Durable-batch hooks (default none: the platform's asset and billing recorders belong to other domains). */
  hooks?: DurableBatchHook[];
}

/** An ingest pipeline running inside the test process, with its metrics and log. */
export interface InProcessIngest {
  service: TelemetryIngestService;
  subscriber: DurableAckSubscriber;
  metrics: MetricsRegistry;
  spool?: WriteAheadSpool;
  /** What the service logged (retries, ...). */
  readonly log: readonly string[];
  /** Highest unacknowledged count seen on any message since start or {@link resetUnackedPeak}. */
  readonly unackedPeak: number;
  /** Messages ingest acknowledged to the broker (durable in the store or the spool). */
  readonly acked: number;
  resetUnackedPeak(): void;
  /** Current value of a gauge or an unlabelled counter (0 when it does not exist). */
  metric(name: string): Promise<number>;
  /** Graceful stop: flushes, then disconnects. */
  stop(): Promise<void>;
}

/**
 * The ingest pipeline wired as the platform wires it (`startIngest` in runtime-services: the
 * InfluxDB store, the write-ahead spool, dead letters in SQL, a durable-ack subscription to
 * `devices/+/telemetry` as `svc-ingest`; durable-batch hooks only when given), built here from this lib's own classes
 * so the tests can set the window and the spool's size and read metrics, and the telemetry lib
 * does not depend on the runtime. The SQL side is an in-memory PGlite.
 */
export async function startInProcessIngest(
  options: InProcessIngestOptions,
): Promise<InProcessIngest> {
  const db: SqlDatabase = await openTestDatabase();
  const metrics = new MetricsRegistry({ defaultMetrics: false });
  const log: string[] = [];
  const spool = options.spool
    ? await WriteAheadSpool.open(
        options.spool.dir,
        options.spool.maxSamples === undefined ? {} : { maxSamples: options.spool.maxSamples },
      )
    : undefined;
  const service = new TelemetryIngestService(
    {
      store: new InfluxTelemetryStore(options.influx),
      deadLetters: new DeadLetterRepository(db),
      metrics,
      hooks: options.hooks,
      log: (line) => void log.push(`${new Date().toISOString()} ${line}`),
    },
    { ...options.ingest, spool },
  );
  const subscriber = new DurableAckSubscriber({
    url: options.mqttUrl,
    clientId: 'svc-ingest',
    username: 'svc-ingest',
    filters: ['devices/+/telemetry'],
    maxUnacked: options.maxUnacked,
  });
  let unackedPeak = 0;
  let acked = 0;
  service.resumeSpool();
  subscriber.on('message', (message) => {
    unackedPeak = Math.max(unackedPeak, subscriber.unackedCount);
    service.handle({
      ...message,
      ack: () => {
        acked++;
        message.ack();
      },
    });
  });
  await subscriber.start();
  return {
    service,
    subscriber,
    metrics,
    spool,
    log,
    get unackedPeak() {
      return unackedPeak;
    },
    get acked() {
      return acked;
    },
    resetUnackedPeak: () => void (unackedPeak = subscriber.unackedCount),
    metric: async (name) =>
      (await metrics.registry.getSingleMetric(name)?.get())?.values[0]?.value ?? 0,
    stop: async () => {
      await service.close();
      await subscriber.stop();
      await db.close();
    },
  };
}
