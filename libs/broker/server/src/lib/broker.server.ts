import { createServer, type Server } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { DeviceRegistryService } from '@hourglass/devices-registry';
import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { AuthRefusal, ClientIdentity, ServiceAccount } from './broker-identity';
import { redisBrokerBackends, type RedisBrokerBackends } from './redis-cluster';
import { authorizePublish, authorizeSubscribe } from './topic-policy';

/** Options of the embedded broker. */
export interface BrokerServerOptions {
  /** TCP port (0 = any free port). */
  port: number;
  host?: string;
  /** Platform service accounts (ingest, alerts) with their topic scopes. */
  services: readonly ServiceAccount[];
  /** When set, sessions, subscriptions, retained messages and routing are shared through Redis. */
  redisUrl?: string;
  /**
   * Called for every authorized PUBLISH of a device before aedes acknowledges it (PUBACK is sent
   * when the promise resolves; a rejection closes the connection unacknowledged, so the device
   * sends it again). Lets ingest in this process make a message durable before the device
   * forgets it. Return null to let the message through at once.
   */
  beforeAck?: (deviceId: string, topic: string, payload: Buffer) => Promise<void> | null;
  /** Seconds a socket may stay without CONNECT (default 10). */
  connectTimeoutSeconds?: number;
  log?: (line: string) => void;
}

type Authenticator = Pick<DeviceRegistryService, 'authenticate'>;

// CONNACK return codes (MQTT 3.1.1 §3.2.2.3).
const RETURN_CODES: Record<AuthRefusal, number> = {
  server_unavailable: 3,
  bad_credentials: 4,
  client_id_mismatch: 2,
};

const identities = new WeakMap<Client, ClientIdentity>();

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The embedded MQTT broker: aedes with device authentication and a per-device topic ACL. */
export class BrokerServer {
  private constructor(
    readonly aedes: Aedes,
    private readonly server: Server,
    readonly port: number,
    private readonly redis?: RedisBrokerBackends,
  ) {}

  static async start(auth: Authenticator, metrics: MetricsRegistry, options: BrokerServerOptions): Promise<BrokerServer> {
    const log = options.log ?? (() => undefined);
    const refused = metrics.counter('hg_broker_rejections_total', 'MQTT connections or packets refused', ['reason']);
    const messagesIn = metrics.counter('hg_broker_messages_in_total', 'PUBLISH packets accepted from clients');
    const connections = metrics.gauge('hg_broker_connections', 'connected MQTT clients');

    const refuse = (reason: AuthRefusal, done: (e: AuthenticateError | null, ok: boolean | null) => void) => {
      refused.inc({ reason });
      const error = Object.assign(new Error(reason), { returnCode: RETURN_CODES[reason] }) as AuthenticateError;
      done(error, false);
    };

    const redis = options.redisUrl ? redisBrokerBackends(options.redisUrl, log) : undefined;
    const aedes = await Aedes.createBroker({
      ...(redis ? { mq: redis.mq, persistence: redis.persistence } : {}),
      connectTimeout: (options.connectTimeoutSeconds ?? 10) * 1000,
      authenticate: (client, username, password, done) => {
        const user = username ?? '';
        const secret = password?.toString('utf8') ?? '';
        const service = options.services.find((s) => s.name === user);
        if (service) {
          if (!safeEqual(secret, service.password)) return refuse('bad_credentials', done);
          identities.set(client, { kind: 'service', ...service });
          return done(null, true);
        }
        auth.authenticate(user, secret).then(
          (identity) => {
            if (!identity) return refuse('bad_credentials', done);
            // The client id is the device id: no session takeover under another credential.
            if (client.id !== identity.deviceId) return refuse('client_id_mismatch', done);
            identities.set(client, { kind: 'device', ...identity });
            done(null, true);
          },
          (error: Error) => {
            log(`broker: authentication backend failed (${error.message}); refusing ${client.id}`);
            refuse('server_unavailable', done);
          },
        );
      },
      authorizePublish: (client, packet, done) => {
        if (!client) return done(null); // the broker's own messages ($SYS, wills handled by aedes)
        const identity = identities.get(client);
        if (!identity || !authorizePublish(identity, packet.topic)) {
          refused.inc({ reason: 'publish_denied' });
          log(`audit: publish denied client=${client.id} topic=${JSON.stringify(packet.topic)}`);
          return done(new Error('publish not authorized'));
        }
        messagesIn.inc();
        const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
        const durable = identity.kind === 'device' ? options.beforeAck?.(identity.deviceId, packet.topic, payload) : null;
        if (!durable) return done(null);
        durable.then(
          () => done(null),
          (error: Error) => done(error),
        );
      },
      authorizeSubscribe: (client, sub, done) => {
        const identity = identities.get(client);
        if (!identity || !authorizeSubscribe(identity, sub.topic)) {
          refused.inc({ reason: 'subscribe_denied' });
          log(`audit: subscribe denied client=${client.id} filter=${JSON.stringify(sub.topic)}`);
          return done(new Error('subscribe not authorized'));
        }
        done(null, sub);
      },
    });
    aedes.on('client', () => connections.inc());
    aedes.on('clientDisconnect', () => connections.dec());

    const server = createServer(aedes.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return new BrokerServer(aedes, server, port, redis);
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Stops accepting connections, then closes every client. */
  async close(): Promise<void> {
    // server.close() completes only once every socket has ended, which aedes.close() brings about.
    const listening = new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.redis) await this.disconnectClientsFirst();
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
    await listening;
    await this.redis?.close();
  }

  /**
   * With Redis routing, a departing client's subscriptions are removed from Redis asynchronously;
   * if aedes then closes the Redis connections at once, those commands fail unobserved. So the
   * clients go first, and the routing gets a moment to settle.
   */
  private async disconnectClientsFirst(): Promise<void> {
    const clients = (this.aedes as unknown as { clients: Record<string, { close: () => void }> }).clients;
    for (const client of Object.values(clients)) client.close();
    const deadline = Date.now() + 2_000;
    while (this.aedes.connectedClients > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
  }

  /** False when the broker is closed or its Redis backends are down. */
  healthy(): boolean {
    return !this.aedes.closed && (this.redis?.healthy() ?? true);
  }
}
