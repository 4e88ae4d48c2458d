import {
  AssetActivityRepository,
  DeadLetterRepository,
  DurableAckSubscriber,
  TelemetryIngestService,
} from '@hourglass/telemetry-ingest';
import type { RuntimeContext } from './runtime-context';

export interface RunningIngest {
  service: TelemetryIngestService;
  subscriber: DurableAckSubscriber;
  stop(): Promise<void>;
}

/**
 * Subscribes to `devices/+/telemetry` (a shared subscription when `shareGroup` is given, so
 * several workers split the load) and writes what arrives to the telemetry store.
 */
export async function startIngest(ctx: RuntimeContext, mqttUrl: string, shareGroup?: string): Promise<RunningIngest> {
  const service = new TelemetryIngestService(
    ctx.telemetry,
    new DeadLetterRepository(ctx.db),
    new AssetActivityRepository(ctx.db),
    ctx.metrics,
    { batchSize: ctx.config.HG_INGEST_BATCH_SIZE, flushIntervalMs: ctx.config.HG_INGEST_FLUSH_MS },
    Date.now,
    ctx.log,
  );
  const filter = 'devices/+/telemetry';
  const subscriber = new DurableAckSubscriber({
    url: mqttUrl,
    clientId: shareGroup ? `svc-ingest-${process.pid}` : 'svc-ingest',
    username: 'svc-ingest',
    password: ctx.servicePassword,
    filters: [shareGroup ? `$share/${shareGroup}/${filter}` : filter],
  });
  subscriber.on('message', (m) => service.handle(m));
  subscriber.on('disconnected', (e) => ctx.log(`ingest: disconnected from broker${e ? `: ${e.message}` : ''}`));
  await subscriber.start();
  return {
    service,
    subscriber,
    stop: async () => {
      await service.close();
      await subscriber.stop();
    },
  };
}
