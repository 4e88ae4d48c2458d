import { BrokerServer, type BrokerServerOptions, type ServiceAccount } from '@hourglass/broker-server';
import { DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import type { RuntimeContext } from './runtime-context';

/** The platform's own MQTT accounts and what each may do. */
export function serviceAccounts(password: string): ServiceAccount[] {
  return [
    { name: 'svc-ingest', password, publish: [], subscribe: ['devices/+/telemetry'] },
    { name: 'svc-alerts', password, publish: ['devices/+/commands/#'], subscribe: ['devices/+/events', 'devices/+/status'] },
  ];
}

/** Starts the embedded broker on HG_MQTT_PORT with device authentication from the registry. */
export async function startBroker(
  ctx: RuntimeContext,
  port = ctx.config.HG_MQTT_PORT,
  beforeAck?: BrokerServerOptions['beforeAck'],
): Promise<BrokerServer> {
  const registry = new DeviceRegistryService(new DeviceRepository(ctx.db));
  return BrokerServer.start(registry, ctx.metrics, {
    port,
    host: ctx.config.HG_HOST,
    services: serviceAccounts(ctx.servicePassword),
    redisUrl: ctx.config.HG_REDIS_URL,
    beforeAck,
    log: ctx.log,
  });
}
