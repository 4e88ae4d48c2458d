import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import mqttPacket from 'mqtt-packet';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
  type DeviceCredentials,
} from '@hourglass/devices-registry';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { BrokerServer, type BrokerServerOptions } from './broker.server';

/** A provisioned device with the credentials it connects with. */
export interface TestDevice extends DeviceCredentials {
  id: string;
}

/**
 * A real {@link BrokerServer} on a free loopback port, with the device registry on an in-memory
 * PGlite, for the hostile-input specs (hostile-inputs.md rows B1-B17). Loopback is not trusted
 * here unless asked, so the per-IP limits apply to the test's own sockets.
 */
export class HostileBrokerFixture {
  private readonly clients: MqttClient[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly broker: BrokerServer,
    readonly metrics: MetricsRegistry,
    readonly registry: DeviceRegistryService,
    private readonly db: SqlDatabase,
    /** The broker's log lines (audit lines included). */
    readonly log: string[],
  ) {}

  static async start(options: Partial<BrokerServerOptions> = {}): Promise<HostileBrokerFixture> {
    const db = await openTestDatabase();
    const registry = new DeviceRegistryService(
      new DeviceRepository(db),
      new PasswordHasher({ N: 1024 }),
    );
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    const log: string[] = [];
    const broker = await BrokerServer.start(
      { auth: registry, metrics },
      {
        port: 0,
        services: [
          {
            name: 'svc-test',
            password: 'service-secret-123',
            publish: ['devices/+/commands/#'],
            subscribe: ['devices/+/telemetry', 'devices/+/status'],
          },
        ],
        trustedIps: [],
        tcpNoDelay: true, // the specs time single round trips
        log: (line) => log.push(line),
        ...options,
      },
    );
    return new HostileBrokerFixture(broker, metrics, registry, db, log);
  }

  async device(id: string): Promise<TestDevice> {
    const { credentials } = await this.registry.provision(PROVIDER_SCOPE, { id, type: 'pump' });
    return { id, ...credentials };
  }

  /** An mqtt.js client of a device (keep-alive 60 s), closed with the fixture. */
  async connectDevice(device: TestDevice, options: IClientOptions = {}): Promise<MqttClient> {
    const client = await mqtt.connectAsync(this.broker.url, {
      clientId: device.id,
      username: device.username,
      password: device.password,
      reconnectPeriod: 0,
      ...options,
    });
    // Like the broker's sockets: no Nagle, so latencies measure the broker, not delayed ACKs.
    (client.stream as Socket).setNoDelay?.(true);
    this.clients.push(client);
    return client;
  }

  async connectService(): Promise<MqttClient> {
    const client = await mqtt.connectAsync(this.broker.url, {
      clientId: 'svc-test',
      username: 'svc-test',
      password: 'service-secret-123',
      reconnectPeriod: 0,
    });
    this.clients.push(client);
    return client;
  }

  /** A raw TCP socket to the broker, optionally from another loopback address (127.0.0.x). */
  async rawSocket(localAddress?: string): Promise<Socket> {
    const socket = connect({ host: '127.0.0.1', port: this.broker.port, localAddress });
    socket.on('error', () => undefined);
    // Flowing, so that the broker's FIN is seen even when nobody reads what it sent.
    socket.resume();
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return socket;
  }

  /** Current value of `hg_broker_rejections_total{reason}`. */
  async rejections(reason: string): Promise<number> {
    const metric = await this.metrics.registry.getSingleMetric('hg_broker_rejections_total')?.get();
    return metric?.values.find((v) => v.labels['reason'] === reason)?.value ?? 0;
  }

  /**
   * A device that publishes QoS 1 to itself and gets it back: proof the broker still serves others.
   * Each call returns the round trip in milliseconds (fails after 5 s).
   */
  async bystander(id: string): Promise<() => Promise<number>> {
    const device = await this.device(id);
    const client = await this.connectDevice(device);
    const waiting = new Map<string, () => void>();
    client.on('message', (_topic, payload) => waiting.get(payload.toString())?.());
    await client.subscribeAsync(`devices/${id}/echo`, { qos: 1 });
    let n = 0;
    return async () => {
      const sent = String(++n);
      const t0 = performance.now();
      const back = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`echo ${sent} of ${id} not back within 5 s`)),
          5_000,
        );
        waiting.set(sent, () => (clearTimeout(timer), resolve()));
      });
      await client.publishAsync(`devices/${id}/echo`, sent, { qos: 1 });
      await back;
      waiting.delete(sent);
      return performance.now() - t0;
    };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.clients.map((c) => c.endAsync(true).catch(() => undefined)));
    await this.broker.close();
    await this.db.close();
  }
}

/** An MQTT packet as bytes (mqtt-packet's encoder). */
export function frame(packet: Record<string, unknown>, protocolVersion = 4): Buffer {
  return mqttPacket.generate(packet as unknown as mqttPacket.Packet, { protocolVersion });
}

/** A CONNECT frame of a device. */
export function connectFrame(
  clientId: string,
  credentials?: { username: string; password: string },
  extra: Record<string, unknown> = {},
): Buffer {
  return frame({
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clean: true,
    keepalive: 60,
    clientId,
    ...credentials,
    ...extra,
  });
}

/** Resolves true once the socket has closed, false if it is still open after `timeoutMs`. */
export function closedWithin(socket: Socket, timeoutMs: number): Promise<boolean> {
  if (socket.destroyed || socket.readyState === 'closed') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The packets the broker sent on a raw socket, decoded. */
export function collectPackets(socket: Socket): mqttPacket.Packet[] {
  const packets: mqttPacket.Packet[] = [];
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  parser.on('packet', (p) => packets.push(p));
  parser.on('error', () => undefined);
  socket.on('data', (chunk) => parser.parse(chunk));
  return packets;
}

let collect: (() => void) | undefined;

/**
 * Heap plus external (Buffer) memory after a full garbage collection. The broker under test shares
 * its process with the test's own sockets, whose RSS cannot be told apart and is not returned to
 * the OS at once; live memory after a GC is what "memory freed" means here.
 */
export function liveMemory(): number {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}
