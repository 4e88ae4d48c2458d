import { createRequire } from 'node:module';
import type { Server as HttpServer } from 'node:http';
import type { Server as NetServer } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes, type Client } from 'aedes';
import { STATUS_OFFLINE, STATUS_ONLINE, statusTopic } from '@hourglass/contracts-wire';
import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { ServiceAccount } from './broker-identity';
import { resolveBrokerLimits, type BrokerLimits } from './broker-limits';
import { BrokerHooks, type BeforeAck, type DeviceAuthenticator } from './broker-hooks';
import {
  listen,
  tcpListener,
  tlsListener,
  webSocketListener,
  type AcceptedConnection,
  type BrokerTlsOptions,
} from './broker-listeners';
import { BrokerMetrics, classifyClientError } from './broker-metrics';
import {
  assertLoopbackHost,
  developmentBanner,
  type DevelopmentModeOptions,
} from './development-mode';
import { IpConnectionGate } from './ip-connection-gate';
import { guardStreamReads } from './packet-size-guard';
import { guardConversation } from './conversation-guard';
import { redisBrokerBackends, type RedisBrokerBackends } from './redis-cluster';
import { SharedSubscriptions } from './shared-subscriptions';
import {
  RetainedQuota,
  SessionExpiry,
  SessionQueueBound,
  type SessionPersistence,
} from './session-bounds';

const requireCjs = createRequire(__filename);
const memoryPersistence = requireCjs('aedes-persistence') as () => SessionPersistence;

/** The part of aedes' persistence that stores Wills (aedes-persistence and -redis alike). */
interface WillStore {
  delWill(client: { id: string; brokerId: string }): Promise<unknown>;
}

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
   * Period of the node heartbeat on Redis, in ms (default 60,000, aedes' own). A node silent for
   * 3 periods counts as dead; another node publishes its clients' stored Wills within 4 more.
   */
  heartbeatIntervalMs?: number;
  /**
   * Called for every authorized PUBLISH of a device before aedes acknowledges it (PUBACK is sent
   * when the promise resolves; a rejection closes the connection unacknowledged, so the device
   * sends it again). Lets ingest in this process make a message durable before the device
   * forgets it. Return null to let the message through at once.
   */
  beforeAck?: BeforeAck;
  /** Protective limits; unset ones take {@link DEFAULT_BROKER_LIMITS}. */
  limits?: Partial<BrokerLimits>;
  /** @deprecated use `limits.connectTimeoutSeconds`. */
  connectTimeoutSeconds?: number;
  /**
   * Addresses exempt from the per-IP connection rate, cap and authentication throttle. Default:
   * loopback, where the platform's own services and a same-host load generator connect. Behind a
   * proxy on the same host every device appears as loopback: give the proxy's address here only if
   * the proxy enforces its own per-client limits.
   */
  trustedIps?: readonly string[];
  /**
   * TCP_NODELAY on device sockets (default false, as in aedes and Mosquitto): lower latency for
   * request/response exchanges, fewer messages per second under load (see broker-listeners.ts).
   */
  tcpNoDelay?: boolean;
  /**
   * Development mode: anonymous clients and no topic ACL (for conformance suites), every other
   * limit kept. Listens on loopback only: `start` throws for any other `host`. Off when unset.
   */
  development?: DevelopmentModeOptions;
  /** MQTT over TLS (and mTLS with a CA); off when unset. */
  tls?: BrokerTlsOptions;
  /** Port of MQTT over WebSocket; off when unset. */
  webSocketPort?: number;
  log?: (line: string) => void;
}

/** What {@link BrokerServer.start} builds on. */
export interface BrokerServerDeps {
  /** Device authentication: the device registry (`identify` too when mTLS is on). */
  auth: DeviceAuthenticator;
  /** Where the broker registers its `hg_broker_*` metrics. */
  metrics: MetricsRegistry;
}

/** Ports the broker listens on (the TCP one always, TLS and WebSocket when enabled). */
export interface BrokerPorts {
  tcp: number;
  tls?: number;
  ws?: number;
}

interface Listeners {
  tcp: NetServer;
  tls?: NetServer;
  ws?: HttpServer;
}

/** The running pieces a started broker holds. */
interface BrokerServerParts {
  aedes: Aedes;
  listeners: Listeners;
  hooks: BrokerHooks;
  /** Stops the sweeper and the session expiry. */
  housekeeping: () => void;
  accepted: { count: number };
  redis?: RedisBrokerBackends;
}

/**
 * The embedded MQTT broker: aedes with device authentication, a per-device topic ACL and the
 * limits of {@link BrokerLimits}, on TCP and optionally TLS and WebSocket listeners.
 */
export class BrokerServer {
  readonly aedes: Aedes;
  readonly ports: BrokerPorts;
  readonly limits: BrokerLimits;

  private constructor(
    private readonly parts: BrokerServerParts,
    settings: { ports: BrokerPorts; limits: BrokerLimits },
  ) {
    this.aedes = parts.aedes;
    this.ports = settings.ports;
    this.limits = settings.limits;
  }

  /** Starts aedes with the policy hooks and its listeners; resolves once every listener is bound. */
  static async start(deps: BrokerServerDeps, options: BrokerServerOptions): Promise<BrokerServer> {
    const { auth, metrics: registry } = deps;
    const log = options.log ?? (() => undefined);
    const host = options.host ?? '127.0.0.1';
    if (options.development) assertLoopbackHost(host);
    const limits = resolveBrokerLimits({
      connectTimeoutSeconds: options.connectTimeoutSeconds,
      ...options.limits,
    });
    const metrics = new BrokerMetrics(registry);
    const gate = new IpConnectionGate(limits, options.trustedIps);
    const retained = new RetainedQuota(limits.maxRetainedPerDevice);
    const connections = new WeakMap<Duplex, AcceptedConnection>();
    const redis = options.redisUrl ? redisBrokerBackends(options.redisUrl, log) : undefined;
    const persistence =
      (redis?.persistence as SessionPersistence | undefined) ?? memoryPersistence();
    const aedesRef: { broker?: Aedes } = {};
    // On Redis every node would deliver its own copy to its own members: refused there (B20).
    const shares = redis
      ? undefined
      : new SharedSubscriptions(
          () => aedesRef.broker as Aedes,
          persistence as unknown as ConstructorParameters<typeof SharedSubscriptions>[1],
          log,
        );
    const hooks = new BrokerHooks({
      auth,
      services: options.services,
      limits,
      metrics,
      gate,
      retained,
      shares,
      beforeAck: options.beforeAck,
      development: options.development,
      ipOf: (client) => connections.get(client.conn as Duplex)?.ip ?? 'unknown',
      certificateDeviceIdOf: (client) =>
        connections.get(client.conn as Duplex)?.certificateDeviceId,
      discardStoredWill: (id, brokerId) =>
        void (persistence as SessionPersistence & WillStore)
          .delWill({ id, brokerId })
          .catch((error: Error) =>
            log(`broker: could not delete a refused will: ${error.message}`),
          ),
      log,
    });

    const online = (clientId: string) =>
      Boolean(
        (aedesRef.broker as unknown as { clients?: Record<string, unknown> } | undefined)
          ?.clients?.[clientId],
      );
    const queues = new SessionQueueBound(
      limits.maxQueuedMessagesPerSession,
      () => metrics.queueDropped.inc(),
      online,
    );
    // With Redis the queue is shared by the nodes and cleared wherever the client is: a count kept
    // here would be wrong, so there the session expiry bounds what an absent client accumulates.
    if (!redis) queues.install(persistence);
    shares?.install(persistence as unknown as Parameters<SharedSubscriptions['install']>[0]);
    const aedes = await Aedes.createBroker({
      ...(redis ? { mq: redis.mq } : {}),
      ...(options.heartbeatIntervalMs ? { heartbeatInterval: options.heartbeatIntervalMs } : {}),
      persistence,
      connectTimeout: limits.connectTimeoutSeconds * 1000,
      drainTimeout: limits.drainTimeoutSeconds * 1000,
      maxInflightInbound: limits.maxQos2InFlight,
      maxTopicLevels: limits.maxTopicLevels,
      maxClientsIdLength: limits.maxClientIdLength,
      preConnect: hooks.preConnect,
      authenticate: hooks.authenticate,
      authorizePublish: hooks.authorizePublish,
      authorizeSubscribe: hooks.authorizeSubscribe,
      authorizeForward: hooks.authorizeForward,
    });
    aedesRef.broker = aedes;
    const expiry = new SessionExpiry(
      persistence,
      limits.sessionExpirySeconds * 1000,
      (id) => redis?.purgeSession(id, { outgoing: true }) ?? Promise.resolve(),
      (id) => hooks.sessions.forget(id),
    );
    BrokerServer.observe(aedes, hooks, metrics, expiry, queues, connections, log);
    if (shares) BrokerServer.observeShares(aedes, shares);

    const accepted = { count: 0 };
    const accept = (connection: AcceptedConnection) => {
      const refused = gate.admit(connection.ip);
      if (refused) {
        metrics.reject(refused);
        connection.stream.destroy();
        return;
      }
      connections.set(connection.stream, connection);
      accepted.count++;
      metrics.accepted.inc({ transport: connection.transport });
      connection.stream.once('close', () => gate.release(connection.ip));
      guardStreamReads(connection.stream, limits.maxPacketBytes, (reason) =>
        metrics.reject(reason),
      );
      const client = aedes.handle(connection.stream as Parameters<Aedes['handle']>[0]);
      guardConversation(connection, client, {
        limits,
        metrics,
        sessionPresent: (c) => hooks.sessions.isPresent(c),
        log,
      });
    };
    const noDelay = options.tcpNoDelay ?? false;
    const listeners: Listeners = { tcp: tcpListener(accept, noDelay) };
    const ports: BrokerPorts = { tcp: await listen(listeners.tcp, options.port, host) };
    if (options.tls) {
      listeners.tls = tlsListener(
        options.tls,
        limits.connectTimeoutSeconds * 1000,
        noDelay,
        accept,
      );
      ports.tls = await listen(listeners.tls, options.tls.port, host);
    }
    if (options.webSocketPort !== undefined) {
      listeners.ws = webSocketListener(limits.maxPacketBytes, accept);
      ports.ws = await listen(listeners.ws, options.webSocketPort, host);
    }
    if (options.development) log(developmentBanner(host, ports.tcp));
    const sweeper = setInterval(() => {
      gate.sweep();
      hooks.sweep();
      metrics.queuedMessages.set(queues.size);
    }, 10_000);
    sweeper.unref();
    const housekeeping = () => {
      clearInterval(sweeper);
      expiry.stop();
    };
    return new BrokerServer(
      { aedes, listeners, hooks, housekeeping, accepted, redis },
      { ports, limits },
    );
  }

  /** Metrics, device status and session expiry from aedes' events. */
  private static observe(
    aedes: Aedes,
    hooks: BrokerHooks,
    metrics: BrokerMetrics,
    expiry: SessionExpiry,
    queues: SessionQueueBound,
    connections: WeakMap<Duplex, AcceptedConnection>,
    log: (line: string) => void,
  ): void {
    const transportOf = (client: Client) =>
      connections.get(client.conn as Duplex)?.transport ?? 'tcp';
    const countError = (client: Client, error: Error) => {
      const reason = classifyClientError(error);
      if (reason) metrics.rejectClient(client, reason);
    };
    aedes.on('clientError', countError);
    aedes.on('publish', (packet, client) => {
      if (client) hooks.published(client, packet);
    });
    // aedes emits 'error' when a round of stored Wills fails (one was refused): without a listener
    // that would throw and end the process.
    (aedes as unknown as NodeJS.EventEmitter).on('error', (error: Error) =>
      log(`broker: ${error.message}`),
    );
    aedes.on('connectionError', countError);
    aedes.on('client', (client) => {
      metrics.connections.inc({ transport: transportOf(client) });
      expiry.connected(client.id);
      queues.connected(client.id);
    });
    aedes.on('clientReady', (client) => {
      const identity = hooks.identityOf(client);
      if (identity?.kind === 'service') queues.exempt(client.id);
      // aedes emits clientReady after asynchronous session work, possibly after the client is gone.
      if (identity?.kind === 'device' && !client.closed) {
        aedes.publish(
          {
            cmd: 'publish',
            topic: statusTopic(identity.deviceId),
            payload: Buffer.from(STATUS_ONLINE),
            qos: 1,
            retain: true,
            dup: false,
          },
          () => undefined,
        );
      }
    });
    aedes.on('clientDisconnect', (client) => {
      metrics.connections.dec({ transport: transportOf(client) });
      expiry.disconnected(client.id, client.clean);
      metrics.queuedMessages.set(queues.size);
      const identity = hooks.identityOf(client);
      // The Will covers a lost connection; a clean DISCONNECT (no Will) still means offline.
      if (identity?.kind === 'device' && !aedes.closed) {
        aedes.publish(
          {
            cmd: 'publish',
            topic: statusTopic(identity.deviceId),
            payload: Buffer.from(STATUS_OFFLINE),
            qos: 1,
            retain: true,
            dup: false,
          },
          () => undefined,
        );
      }
    });
  }

  /** Keeps the shared-subscription groups in step with connections and UNSUBSCRIBEs. */
  private static observeShares(aedes: Aedes, shares: SharedSubscriptions): void {
    aedes.on('client', (client) => {
      if ((client as Client & { clean?: boolean }).clean) shares.forget(client.id);
    });
    aedes.on('clientDisconnect', (client) => shares.left(client));
    aedes.on('unsubscribe', (topics, client) => {
      for (const topic of topics) shares.unsubscribe(client, topic);
    });
  }

  /** Connections admitted past the per-IP gate since start (all listeners). */
  acceptedConnections(): number {
    return this.parts.accepted.count;
  }

  /** Port of the TCP listener. */
  get port(): number {
    return this.ports.tcp;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.ports.tcp}`;
  }

  /**
   * Closes the connection of `deviceId` on this node, if it connected before `changedAt` (a
   * revocation or rotation at that time): the device must come back with valid credentials.
   * Returns true when a connection was closed.
   */
  disconnectDevice(deviceId: string, changedAt: Date = new Date()): boolean {
    const clients = (this.aedes as unknown as { clients: Record<string, Client | undefined> })
      .clients;
    const client = clients[deviceId];
    if (!client) return false;
    const state = this.parts.hooks.clients.get(client);
    if (state?.identity?.kind !== 'device' || state.connectedAt > changedAt.getTime()) return false;
    client.close();
    return true;
  }

  private readonly closeHooks: Array<() => void> = [];

  /** Runs `hook` when the broker closes (to stop what was wired to it). */
  onClose(hook: () => void): void {
    this.closeHooks.push(hook);
  }

  /** Stops accepting connections, then closes every client. */
  async close(): Promise<void> {
    this.parts.housekeeping();
    for (const hook of this.closeHooks.splice(0)) hook();
    // server.close() completes only once every socket has ended, which aedes.close() brings about.
    const { listeners, redis } = this.parts;
    const servers = [listeners.tcp, listeners.tls, listeners.ws].filter(
      (s): s is NetServer | HttpServer => Boolean(s),
    );
    const listening = Promise.all(
      servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
    );
    if (redis) await this.disconnectClientsFirst();
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
    listeners.ws?.closeAllConnections();
    await listening;
    await redis?.close();
  }

  /**
   * With Redis routing, a departing client's subscriptions are removed from Redis asynchronously;
   * if aedes then closes the Redis connections at once, those commands fail unobserved. So the
   * clients go first, and the routing gets a moment to settle.
   */
  private async disconnectClientsFirst(): Promise<void> {
    const clients = (this.aedes as unknown as { clients: Record<string, { close: () => void }> })
      .clients;
    for (const client of Object.values(clients)) client.close();
    const deadline = Date.now() + 2_000;
    while (this.aedes.connectedClients > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
  }

  /** False when the broker is closed or its Redis backends are down. */
  healthy(): boolean {
    return !this.aedes.closed && (this.parts.redis?.healthy() ?? true);
  }
}
