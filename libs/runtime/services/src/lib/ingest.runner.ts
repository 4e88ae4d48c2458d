import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BillingEventRecorder } from '@hourglass/billing-records';
import { AssetActivityRecorder, DeviceRepository } from '@hourglass/devices-registry';
import {
  DeadLetterRepository,
  DurableAckSubscriber,
  SparkplugIngestService,
  TelemetryIngestService,
  WriteAheadSpool,
} from '@hourglass/telemetry-ingest';
import { definedOptions } from './defined-options';
import type { RuntimeContext } from './runtime-context';
import { registrySparkplugDirectory } from './sparkplug.adapters';

export interface RunningIngest {
  service: TelemetryIngestService;
  /** The durable-batch hook that keeps `assets.last_seen` (and tells scoring in this process of fresh rows). */
  activity: AssetActivityRecorder;
  /** The MQTT subscription (subscriber mode only). */
  subscriber?: DurableAckSubscriber;
  stop(): Promise<void>;
}

const TELEMETRY = /^devices\/[^/]+\/telemetry$/;
const SPARKPLUG = /^spBv1\.0\//;

/**
 * How often `last_seen` is written in the platform's own process: scoring there hears of durable rows
 * at once through the recorder (`RecorderFreshAssets`), so the SQL write only serves the API and can
 * stay rare; each write of 10,000 assets holds the embedded database's thread for 100-200 ms (at 1 s,
 * ingest ran 13 % slower in `npm run bench -- ingest`).
 */
const IN_PROCESS_SEEN_FLUSH_MS = 5_000;

async function createService(
  ctx: RuntimeContext,
  spoolName: string,
  seenFlushMs?: number,
): Promise<{ service: TelemetryIngestService; activity: AssetActivityRecorder }> {
  const spool = await WriteAheadSpool.open(
    join(resolve(ctx.config.HG_DATA_DIR), 'spool', spoolName),
  );
  if (spool.size > 0)
    ctx.log(`ingest: ${spool.size} samples left in the spool by the last run; replaying them`);
  const activity = new AssetActivityRecorder(ctx.db, definedOptions({ log: ctx.log, seenFlushMs }));
  const service = new TelemetryIngestService(
    {
      store: ctx.telemetry,
      deadLetters: new DeadLetterRepository(ctx.db),
      metrics: ctx.metrics,
      // Billing events first: their insert is in the acknowledgement path, and starts before the
      // asset recorder's background lastSeen write can queue in front of it on the database.
      hooks: [
        new BillingEventRecorder(
          ctx.db,
          definedOptions({ meterMetric: ctx.config.HG_BILLING_METER_METRIC }),
        ),
        activity,
      ],
      log: ctx.log,
    },
    definedOptions({
      batchSize: ctx.config.HG_INGEST_BATCH_SIZE,
      flushIntervalMs: ctx.config.HG_INGEST_FLUSH_MS,
      maxConcurrentWrites: ctx.config.HG_INGEST_WRITE_CONCURRENCY,
      spool,
    }),
  );
  service.resumeSpool();
  return { service, activity };
}

/**
 * Ingest inside the broker's process: the broker hands each device's telemetry to ingest before it
 * acknowledges it, and sends the PUBACK once the message is durable (in the store or the local
 * spool). Returns the hook to give to the broker (`beforeAck`) and the running ingest.
 */
export async function createInProcessIngest(ctx: RuntimeContext): Promise<
  RunningIngest & {
    beforeAck: (deviceId: string, topic: string, payload: Buffer) => Promise<void> | null;
    /** Sparkplug B edge nodes' messages; `attach` it to the broker for rebirth requests and status. */
    sparkplug: SparkplugIngestService;
  }
> {
  const { service, activity } = await createService(ctx, 'in-process', IN_PROCESS_SEEN_FLUSH_MS);
  const sparkplug = new SparkplugIngestService({
    ingest: service,
    directory: registrySparkplugDirectory(new DeviceRepository(ctx.db)),
    metrics: ctx.metrics,
    log: ctx.log,
  });
  return {
    service,
    activity,
    sparkplug,
    beforeAck: (_deviceId, topic, payload) =>
      TELEMETRY.test(topic)
        ? new Promise<void>((ack) => service.handle({ topic, payload, ack }))
        : SPARKPLUG.test(topic)
          ? new Promise<void>((ack) => sparkplug.handle({ topic, payload, ack }))
          : null,
    stop: () => service.close(),
  };
}

/**
 * Ingest as a subscriber of a broker (the embedded one or an external one such as Mosquitto):
 * `devices/+/telemetry`, as a shared subscription when `shareGroup` is given so several workers
 * split the load. Messages are acknowledged to the broker once durable.
 */
export async function startIngest(
  ctx: RuntimeContext,
  mqttUrl: string,
  shareGroup?: string,
): Promise<RunningIngest> {
  const clientId = shareGroup
    ? `svc-ingest-${ctx.config.HG_INGEST_WORKER_ID ?? process.pid}`
    : 'svc-ingest';
  const { service, activity } = await createService(ctx, clientId);
  const filter = 'devices/+/telemetry';
  const subscriber = new DurableAckSubscriber({
    url: mqttUrl,
    clientId,
    username: 'svc-ingest',
    password: ctx.serviceSecret('svc-ingest'),
    ca: ctx.config.HG_MQTT_CA ? readFileSync(ctx.config.HG_MQTT_CA) : undefined,
    filters: [shareGroup ? `$share/${shareGroup}/${filter}` : filter],
  });
  subscriber.on('message', (m) => service.handle(m));
  subscriber.on('disconnected', (e) =>
    ctx.log(`ingest: disconnected from broker${e ? `: ${e.message}` : ''}`),
  );
  await subscriber.start().catch(async (error: Error) => {
    await subscriber.stop(); // no reconnecting in the background of a failed start
    await service.close();
    throw new Error(
      shareGroup ? `HG_INGEST_SHARE_GROUP=${shareGroup}: ${error.message}` : error.message,
    );
  });
  return {
    service,
    activity,
    subscriber,
    stop: async () => {
      // close() rejects when it left messages unacknowledged (store down, spool full): still disconnect.
      try {
        await service.close();
      } finally {
        await subscriber.stop();
      }
    },
  };
}
