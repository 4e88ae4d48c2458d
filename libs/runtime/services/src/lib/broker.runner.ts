import { DEMO_FLEET_DEFAULTS } from '@hourglass/simulator-cmapss';
import { readFileSync } from 'node:fs';
import {
  BrokerServer,
  LOOPBACK,
  type BrokerLimits,
  type BrokerServerOptions,
  type ServiceAccount,
} from '@hourglass/broker-server';
import {
  COMMANDS_FILTER,
  EVENTS_FILTER,
  STATUS_FILTER,
  TELEMETRY_FILTER,
  parseDeviceTopic,
} from '@hourglass/contracts-wire';
import {
  DeviceConnectionRecorder,
  DeviceCredentialWatcher,
  DeviceRegistryService,
  DeviceRepository,
} from '@hourglass/devices-registry';
import type { BrokerConfig } from '@hourglass/platform-config';
import type { RuntimeContext } from './runtime-context';
import type { ServiceAccountName } from './service-accounts';

/** The platform's own MQTT accounts, each with its own secret, and what each may do. */
export function serviceAccounts(
  secretOf: (account: ServiceAccountName) => string,
): ServiceAccount[] {
  return [
    {
      name: 'svc-ingest',
      password: secretOf('svc-ingest'),
      publish: [],
      subscribe: [TELEMETRY_FILTER],
    },
    {
      name: 'svc-alerts',
      password: secretOf('svc-alerts'),
      publish: [COMMANDS_FILTER],
      subscribe: [EVENTS_FILTER, STATUS_FILTER],
    },
  ];
}

/** The broker limits set in the environment (unset ones keep their defaults). */
export function brokerLimitsFromConfig(config: BrokerConfig): Partial<BrokerLimits> {
  // The demo fleet publishes HG_SIM_SPEED messages per second per engine: keep it within quota.
  const simulatorRate =
    config.HG_SIMULATOR === 'cmapss'
      ? Math.ceil((config.HG_SIM_SPEED ?? DEMO_FLEET_DEFAULTS.speed) * 2)
      : 0;
  const rate = config.HG_MQTT_PUBLISH_RATE;
  return {
    maxPacketBytes: config.HG_MQTT_MAX_PACKET_BYTES,
    maxKeepAliveSeconds: config.HG_MQTT_MAX_KEEPALIVE,
    publishRatePerSecond: rate === undefined && simulatorRate > 20 ? simulatorRate : rate,
    publishBurst: config.HG_MQTT_PUBLISH_BURST,
    sparkplugPublishRatePerSecond: config.HG_MQTT_SPARKPLUG_PUBLISH_RATE,
    connectionRatePerIp: config.HG_MQTT_CONNECTION_RATE_PER_IP,
    maxConnectionsPerIp: config.HG_MQTT_MAX_CONNECTIONS_PER_IP,
  };
}

/** The TLS and WebSocket listeners asked for in the environment. */
export function brokerListenersFromConfig(
  config: BrokerConfig,
): Pick<BrokerServerOptions, 'tls' | 'webSocketPort' | 'trustedIps'> {
  const tls =
    config.HG_MQTTS_PORT !== undefined && config.HG_MQTT_TLS_CERT && config.HG_MQTT_TLS_KEY
      ? {
          port: config.HG_MQTTS_PORT,
          cert: readFileSync(config.HG_MQTT_TLS_CERT),
          key: readFileSync(config.HG_MQTT_TLS_KEY),
          ca: config.HG_MQTT_TLS_CA ? readFileSync(config.HG_MQTT_TLS_CA) : undefined,
        }
      : undefined;
  const trusted = config.HG_MQTT_TRUSTED_IPS?.split(',')
    .map((ip) => ip.trim())
    .filter(Boolean);
  return { tls, webSocketPort: config.HG_MQTT_WS_PORT, trustedIps: trusted ?? LOOPBACK };
}

/** Starts the embedded broker on HG_MQTT_PORT with device authentication from the registry. */
export async function startBroker(
  ctx: RuntimeContext,
  port = ctx.config.HG_MQTT_PORT,
  beforeAck?: BrokerServerOptions['beforeAck'],
): Promise<BrokerServer> {
  const repository = new DeviceRepository(ctx.db);
  const registry = new DeviceRegistryService(repository);
  const connections = new DeviceConnectionRecorder(ctx.db, { log: ctx.log });
  // Alone, this broker starts with no device connected; with Redis, other nodes may hold some.
  if (!ctx.config.HG_REDIS_URL) await connections.markStaleOffline();
  const broker = await BrokerServer.start(
    { auth: registry, metrics: ctx.metrics },
    {
      port,
      host: ctx.config.HG_HOST,
      services: serviceAccounts(ctx.serviceSecret),
      redisUrl: ctx.config.HG_REDIS_URL,
      beforeAck,
      limits: brokerLimitsFromConfig(ctx.config),
      ...brokerListenersFromConfig(ctx.config),
      log: ctx.log,
    },
  );
  // Revocations and rotations from this process arrive as events; from another one (the API beside a
  // standalone broker), through the database within a second. Either closes the sessions opened with
  // the old credentials: a rotated device reconnects with its new password (issue 12 item 10).
  const watcher = new DeviceCredentialWatcher(repository, ctx.deviceEvents, { log: ctx.log });
  const unsubscribe = ctx.deviceEvents.onChange((change) => {
    if (broker.disconnectDevice(change.deviceId, change.at)) {
      ctx.log(`broker: ${change.deviceId} disconnected (credentials ${change.kind})`);
    }
  });
  const stopListening = recordConnections(broker, connections);
  const stopRecording = () => {
    stopListening();
    connections.stop();
  };
  broker.onClose(() => {
    watcher.stop();
    unsubscribe();
    stopRecording();
  });
  return broker;
}

/**
 * Keeps each asset's connection from the retained statuses this broker publishes: its own
 * `online` on connect, `offline` on disconnect, and the Wills (issue 16). One suffix test per
 * publish; the database hears of status changes only.
 */
export function recordConnections(
  broker: Pick<BrokerServer, 'aedes'>,
  recorder: Pick<DeviceConnectionRecorder, 'onStatus'>,
): () => void {
  const listener = (packet: { topic: string; payload: Buffer | string }) => {
    if (!packet.topic.endsWith('/status')) return;
    const topic = parseDeviceTopic(packet.topic);
    if (topic?.kind === 'status') recorder.onStatus(topic.deviceId, packet.payload.toString());
  };
  broker.aedes.on('publish', listener);
  return () => broker.aedes.removeListener('publish', listener);
}
