import { timingSafeEqual } from 'node:crypto';
import type {
  AuthenticateError,
  AuthorizeForwardHandler,
  AuthorizePublishHandler,
  AuthorizeSubscribeHandler,
  Client,
  ConnectPacket,
} from 'aedes';
import { SPARKPLUG_NAMESPACE, STATUS_OFFLINE, statusTopic } from '@hourglass/contracts-wire';
import type { DeviceRegistryService } from '@hourglass/devices-registry';
import type { BrokerLimits, RejectionReason } from './broker-limits';
import { BrokerRejection, type BrokerMetrics } from './broker-metrics';
import { serviceMayUseClientId, type ClientIdentity, type ServiceAccount } from './broker-identity';
import {
  deniedSubscription,
  DEVELOPMENT_IDENTITY,
  developmentMayPublish,
  type DevelopmentModeOptions,
} from './development-mode';
import type { IpConnectionGate } from './ip-connection-gate';
import type { RetainedQuota } from './session-bounds';
import { RetainedPublishOrder, SessionPresence } from './session-presence';
import {
  parseSharedFilter,
  type RoutedPacket,
  type SharedSubscriptions,
} from './shared-subscriptions';
import { TokenBucket } from './token-bucket';
import { topicProblem, willTopicProblem } from './topic-limits';
import { authorizePublish, authorizeSubscribe, deviceMayPublish } from './topic-policy';

/** What the broker needs from the device registry (`identify` only for client certificates). */
export type DeviceAuthenticator = Pick<DeviceRegistryService, 'authenticate'> &
  Partial<Pick<DeviceRegistryService, 'identify'>>;

/** Called for every authorized device PUBLISH before it is acknowledged (see BrokerServerOptions.beforeAck). */
export type BeforeAck = (deviceId: string, topic: string, payload: Buffer) => Promise<void> | null;

/** Everything the hooks depend on. */
export interface BrokerHookDeps {
  auth: DeviceAuthenticator;
  services: readonly ServiceAccount[];
  limits: BrokerLimits;
  metrics: BrokerMetrics;
  gate: IpConnectionGate;
  retained: RetainedQuota;
  /** Shared subscriptions of this node; unset (Redis cluster) = `$share/...` refused with SUBACK 0x80. */
  shares?: SharedSubscriptions;
  beforeAck?: BeforeAck;
  /** Set in development mode: anonymous clients, no topic ACL, this deny list (see development-mode.ts). */
  development?: DevelopmentModeOptions;
  /** The remote IP of a client's connection. */
  ipOf(client: Client): string;
  /**
   * Deletes a stored Will that was refused (so that the node does not offer it again every round).
   * `brokerId` is the node that stored it.
   */
  discardStoredWill?(clientId: string, brokerId: string): void;
  /** The device id of a verified client certificate, when the client connected with one (mTLS). */
  certificateDeviceIdOf(client: Client): string | undefined;
  log(line: string): void;
}

/** What the broker knows about one connected client. */
export interface ClientState {
  identity?: ClientIdentity;
  keepalive: number;
  connectedAt: number;
  /** The CONNECT carried an empty client id (aedes then makes one up). */
  emptyClientId?: boolean;
}

// CONNACK return codes (MQTT 3.1.1 §3.2.2.3).
/** Topics of Sparkplug B edge nodes: their own publish bucket (see BrokerLimits). */
const SPARKPLUG_PREFIX = `${SPARKPLUG_NAMESPACE}/`;
const IDENTIFIER_REJECTED = 2;
const SERVER_UNAVAILABLE = 3;
const BAD_CREDENTIALS = 4;
const NOT_AUTHORIZED = 5;

/** A Will as aedes keeps it: on the client until CONNECT completes, in the persistence after. */
interface StoredWill {
  topic: string;
  /** Set by the persistence when it stores the Will: the client it belongs to and the node holding it. */
  clientId?: unknown;
  brokerId?: unknown;
}

function willOf(client: Client): StoredWill | undefined {
  return (client as Client & { _will?: StoredWill | null })._will ?? undefined;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The aedes policy hooks: authentication, topic ACL and the per-device limits. */
export class BrokerHooks {
  readonly clients = new WeakMap<Client, ClientState>();
  /** Persistent sessions of this node, for CONNACK's session-present flag. */
  readonly sessions = new SessionPresence();
  private readonly retainedOrder = new RetainedPublishOrder();
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly deps: BrokerHookDeps) {}

  identityOf(client: Client): ClientIdentity | undefined {
    return this.clients.get(client)?.identity;
  }

  /** Forgets the rate buckets of devices that are back within their quota. */
  sweep(): void {
    for (const [id, bucket] of this.buckets) if (bucket.idle()) this.buckets.delete(id);
  }

  /** CONNECT checks that need no credentials: keep-alive, client id and Will (runs before authenticate). */
  readonly preConnect = (
    client: Client,
    packet: ConnectPacket,
    done: (error: Error | null, success: boolean) => void,
  ): void => {
    const { limits, metrics } = this.deps;
    this.clients.set(client, {
      keepalive: packet.keepalive ?? 0,
      connectedAt: Date.now(),
      emptyClientId: !packet.clientId,
    });
    const will = packet.will;
    const problem = will ? willTopicProblem(will.topic, limits) : null;
    if (problem) {
      metrics.reject('will_invalid');
      this.deps.log(`broker: will refused client=${JSON.stringify(packet.clientId)}: ${problem}`);
      return done(new BrokerRejection('will_invalid', problem), false);
    }
    done(null, true);
  };

  readonly authenticate = (
    client: Client,
    username: Readonly<string> | undefined,
    password: Readonly<Buffer> | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void => {
    const { limits, services, auth, gate } = this.deps;
    const refuse = (reason: RejectionReason, code: number) =>
      this.refuse(client, reason, code, done);
    const state = this.clients.get(client);
    const keepalive = state?.keepalive ?? 0;
    // MQTT 3.1.1 has no "keep-alive too long" code; Mosquitto answers "identifier rejected" too.
    const cap = limits.maxKeepAliveSeconds;
    if (cap > 0 && (keepalive === 0 || keepalive > cap))
      return refuse('keepalive_limit', IDENTIFIER_REJECTED);
    if (!client.id || client.id.length > limits.maxClientIdLength)
      return refuse('client_id_invalid', IDENTIFIER_REJECTED);
    // An empty client id gets a made-up one, which cannot name a session to come back to (MQTT-3.1.3-8).
    if (state?.emptyClientId && !client.clean)
      return refuse('client_id_invalid', IDENTIFIER_REJECTED);
    const ip = this.deps.ipOf(client);
    if (gate.blocked(ip)) return refuse('auth_throttled', SERVER_UNAVAILABLE);
    if (this.deps.development) {
      this.deps.log(`broker: development mode: anonymous client ${JSON.stringify(client.id)}`);
      return this.admit(client, DEVELOPMENT_IDENTITY, done);
    }
    const user = username ?? '';
    const secret = password?.toString('utf8') ?? '';
    const service = services.find((s) => s.name === user);
    if (service) {
      if (!safeEqual(secret, service.password)) return this.authFailed(client, ip, done);
      // Service client ids live in their own namespace, which device ids may not enter: a service
      // secret can never take a device's session over by reusing its client id (B21).
      if (!serviceMayUseClientId(service.name, client.id)) {
        this.deps.log(
          `audit: service ${service.name} refused with client id ${JSON.stringify(client.id)}`,
        );
        return refuse('service_client_id', NOT_AUTHORIZED);
      }
      return this.admit(client, { kind: 'service', ...service }, done);
    }
    const certified = this.deps.certificateDeviceIdOf(client);
    const lookup =
      certified && auth.identify ? auth.identify(certified) : auth.authenticate(user, secret);
    lookup.then(
      (identity) => {
        if (!identity) return this.authFailed(client, ip, done);
        // The client id is the device id: no session takeover under another credential.
        if (client.id !== identity.deviceId)
          return refuse('client_id_mismatch', IDENTIFIER_REJECTED);
        this.admit(client, { kind: 'device', ...identity }, done);
      },
      (error: Error) => {
        // Fail closed: without the registry no one gets in (F6).
        this.deps.log(
          `broker: authentication backend failed (${error.message}); refusing ${client.id}`,
        );
        refuse('server_unavailable', SERVER_UNAVAILABLE);
      },
    );
  };

  readonly authorizePublish: AuthorizePublishHandler = (client, packet, done) => {
    // aedes authorizes without a client only the stored Wills of a dead node's clients (Redis
    // cluster); its own messages ($SYS, status) never pass here.
    if (!client) return done(this.storedWillRefusal(packet as typeof packet & StoredWill));
    const { limits, metrics, log } = this.deps;
    const identity = this.identityOf(client);
    const problem = topicProblem(packet.topic, limits);
    if (problem)
      return done(
        this.reject(client, 'topic_invalid', `publish refused client=${client.id}: ${problem}`),
      );
    if (!identity || !this.mayPublish(identity, packet.topic)) {
      log(`audit: publish denied client=${client.id} topic=${JSON.stringify(packet.topic)}`);
      return done(this.reject(client, 'publish_denied', 'publish not authorized'));
    }
    const isWill = packet === (client as Client & { will?: unknown }).will;
    if (identity.kind === 'device' && packet.retain && !isWill) {
      if (!this.deps.retained.admit(identity.deviceId, packet.topic, packet.payload.length === 0)) {
        return done(
          this.reject(
            client,
            'retained_quota',
            `retained quota (${limits.maxRetainedPerDevice}) reached client=${client.id}`,
          ),
        );
      }
      metrics.retainedTopics.set(this.deps.retained.size);
    }
    const sparkplug = packet.topic.startsWith(SPARKPLUG_PREFIX);
    const wait =
      identity.kind === 'device' && !isWill
        ? this.bucketOf(identity.deviceId, sparkplug).take()
        : 0;
    if (wait > limits.publishThrottleMaxDelaySeconds * 1000) {
      const rate = sparkplug ? limits.sparkplugPublishRatePerSecond : limits.publishRatePerSecond;
      return done(
        this.reject(client, 'publish_rate', `publish rate above ${rate}/s client=${client.id}`),
      );
    }
    metrics.messagesIn.inc();
    if (packet.retain) this.retainedOrder.started(client, packet);
    if (wait === 0) return this.acknowledge(identity, packet, done);
    // Holding the callback holds aedes' reading of this socket: back-pressure on this device only.
    metrics.throttled.inc();
    setTimeout(
      () =>
        client.closed
          ? done(new Error('connection closed'))
          : this.acknowledge(identity, packet, done),
      wait,
    );
  };

  readonly authorizeSubscribe: AuthorizeSubscribeHandler = (client, sub, done) =>
    this.retainedOrder.afterPending(client, () => this.authorizeSubscribeNow(client, sub, done));

  /** aedes stored and routed `packet` (its 'publish' event). */
  published(client: Client, packet: object): void {
    this.retainedOrder.finished(client, packet);
  }

  private authorizeSubscribeNow(
    ...[client, sub, done]: Parameters<AuthorizeSubscribeHandler>
  ): void {
    const identity = this.identityOf(client);
    const problem = topicProblem(sub.topic, this.deps.limits);
    if (problem)
      return done(
        this.reject(client, 'topic_invalid', `subscribe refused client=${client.id}: ${problem}`),
        null,
      );
    if (!identity || !this.maySubscribe(identity, sub.topic)) {
      this.deps.log(
        `audit: subscribe denied client=${client.id} filter=${JSON.stringify(sub.topic)}`,
      );
      return done(this.reject(client, 'subscribe_denied', 'subscribe not authorized'), null);
    }
    const { development } = this.deps;
    if (development && deniedSubscription(development, sub.topic)) {
      this.deps.metrics.reject('subscribe_denied');
      this.deps.log(
        `broker: subscription refused client=${client.id} filter=${JSON.stringify(sub.topic)}: on the development deny list`,
      );
      return done(null, null); // SUBACK 0x80, the connection stays
    }
    const refusal = this.sharedRefusal(client, sub.topic, sub.qos);
    if (refusal) {
      // SUBACK 0x80 for this filter only (MQTT 3.1.1 §3.9.3): the client learns it, the connection stays.
      this.deps.metrics.reject('shared_subscription_refused');
      this.deps.log(
        `broker: subscription refused client=${client.id} filter=${JSON.stringify(sub.topic)}: ${refusal}`,
      );
      return done(null, null);
    }
    const shared = parseSharedFilter(sub.topic);
    done(null, shared && shared !== 'invalid' ? { ...sub, topic: shared.filter } : sub);
  }

  readonly authorizeForward: AuthorizeForwardHandler = (client, packet) => {
    // Only a retained message sent because of a new subscription keeps retain 1 (MQTT-3.3.1-8/9);
    // aedes sends those with no brokerId, and a queued message as it was published.
    const routed = packet as typeof packet & { brokerId?: string | null };
    if (routed.retain && routed.brokerId) routed.retain = false;
    if (this.deps.shares && !this.deps.shares.forward(client, packet as RoutedPacket))
      return undefined;
    this.deps.metrics.messagesOut.inc();
    return packet;
  };

  /** The topic ACL, or in development mode only the rules of MQTT itself. */
  private mayPublish(identity: ClientIdentity, topic: string): boolean {
    if (this.deps.development) return developmentMayPublish(topic);
    return authorizePublish(identity, topic);
  }

  private maySubscribe(identity: ClientIdentity, filter: string): boolean {
    if (this.deps.development) return true;
    return authorizeSubscribe(identity, filter);
  }

  /** Why a `$share/...` subscription (or a plain one clashing with it) is refused; null when it is not. */
  private sharedRefusal(client: Client, topic: string, qos: number): string | null {
    const shared = parseSharedFilter(topic);
    const { shares } = this.deps;
    if (shared === 'invalid')
      return 'a shared subscription is $share/<group>/<filter>, the group without wildcards';
    if (!shared)
      return shares?.holds(client, topic)
        ? `the client subscribes to ${topic} through a shared subscription already`
        : null;
    if (!shares)
      return 'shared subscriptions are not supported on Redis-clustered broker nodes (each node would deliver its own copy)';
    return shares.join(client, shared, qos);
  }

  private acknowledge(
    identity: ClientIdentity,
    packet: { topic: string; payload: string | Buffer },
    done: (error?: Error | null) => void,
  ) {
    if (identity.kind !== 'device' || !this.deps.beforeAck) return done(null);
    const payload =
      typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const durable = this.deps.beforeAck(identity.deviceId, packet.topic, payload);
    if (!durable) return done(null);
    durable.then(
      () => done(null),
      (error: Error) => done(error),
    );
  }

  /** A device's bucket; its Sparkplug topics (an edge node speaking for its devices) have their own. */
  private bucketOf(deviceId: string, sparkplug = false): TokenBucket {
    const key = sparkplug ? `${deviceId}\u0000spBv1.0` : deviceId;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const { publishRatePerSecond, publishBurst, sparkplugPublishRatePerSecond } =
        this.deps.limits;
      bucket = sparkplug
        ? new TokenBucket(
            sparkplugPublishRatePerSecond,
            Math.max(publishBurst, sparkplugPublishRatePerSecond),
          )
        : new TokenBucket(publishRatePerSecond, publishBurst);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /**
   * A stored Will is published on behalf of its client, so it gets that client's permissions. The
   * client id of a device is its device id (checked at CONNECT), which names the owner. Returns
   * null when it may go out.
   */
  private storedWillRefusal(will: StoredWill): BrokerRejection | null {
    const owner = typeof will.clientId === 'string' ? will.clientId : '';
    if (deviceMayPublish(owner, will.topic)) return null;
    this.deps.metrics.reject('will_denied');
    this.deps.log(
      `audit: stored will denied client=${JSON.stringify(owner)} topic=${JSON.stringify(will.topic)}`,
    );
    if (owner && typeof will.brokerId === 'string')
      this.deps.discardStoredWill?.(owner, will.brokerId);
    return new BrokerRejection('will_denied', 'stored will not authorized');
  }

  private admit(
    client: Client,
    identity: ClientIdentity,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ) {
    const will = willOf(client);
    // The Will is a publish on the client's behalf: the same ACL applies (B18). A refusal here keeps
    // it out of the persistence, from which another node would publish it should this one die.
    if (will && !this.mayPublish(identity, will.topic)) {
      this.deps.log(`audit: will denied client=${client.id} topic=${JSON.stringify(will.topic)}`);
      return this.refuse(client, 'will_denied', NOT_AUTHORIZED, done);
    }
    const state = this.clients.get(client) ?? { keepalive: 0, connectedAt: Date.now() };
    this.clients.set(client, { ...state, identity, connectedAt: Date.now() });
    this.sessions.admitted(client);
    // Mosquitto's numbering: a clean session's outgoing packet ids start at 1 (aedes picks at random).
    if (client.clean) (client as Client & { _nextId: number })._nextId = 1;
    if (identity.kind === 'device') {
      const withWill = client as Client & { _will?: unknown };
      // Devices that set no Will get the platform's: a retained `offline` on their status topic.
      withWill._will ??= {
        topic: statusTopic(identity.deviceId),
        payload: Buffer.from(STATUS_OFFLINE),
        qos: 1,
        retain: true,
      };
    }
    done(null, true);
  }

  private authFailed(
    client: Client,
    ip: string,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ) {
    if (this.deps.gate.authFailed(ip))
      this.deps.log(
        `audit: ${ip} blocked after ${this.deps.limits.authFailuresPerIp} failed authentications`,
      );
    this.refuse(client, 'bad_credentials', BAD_CREDENTIALS, done);
  }

  private refuse(
    client: Client,
    reason: RejectionReason,
    returnCode: number,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void {
    this.deps.metrics.rejectClient(client, reason);
    done(new BrokerRejection(reason, reason, returnCode) as unknown as AuthenticateError, false);
  }

  private reject(client: Client, reason: RejectionReason, message: string): BrokerRejection {
    this.deps.metrics.rejectClient(client, reason);
    if (reason === 'topic_invalid' || reason === 'retained_quota' || reason === 'publish_rate')
      this.deps.log(`broker: ${message}`);
    return new BrokerRejection(reason, message);
  }
}
