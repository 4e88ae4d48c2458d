/**
 * The broker's protective limits: what Mosquitto, EMQX and HiveMQ enforce by default and stock aedes
 * does not. One misbehaving device must never hurt the others, so each limit closes (or throttles)
 * only the offending connection and is counted in `hg_broker_rejections_total{reason}`.
 */
export interface BrokerLimits {
  /** Largest accepted MQTT packet (remaining length, bytes); checked on the fixed header, before the parser buffers the body. Default 256 KiB. */
  maxPacketBytes: number;
  /** Most topic levels in a PUBLISH topic or SUBSCRIBE filter. Default 16. */
  maxTopicLevels: number;
  /** Longest topic or filter in UTF-8 bytes. Default 1024. */
  maxTopicBytes: number;
  /** Longest client id (characters; device ids are at most 64). Default 64. */
  maxClientIdLength: number;
  /** Largest keep-alive a client may ask for, seconds; 0 (no keep-alive) is refused too. 0 here = no cap. Default 300. */
  maxKeepAliveSeconds: number;
  /** Seconds a socket may stay open without a complete CONNECT. Default 10. */
  connectTimeoutSeconds: number;
  /** Sustained PUBLISH rate per device, messages per second (token bucket refill). Default 20. */
  publishRatePerSecond: number;
  /** Bucket size: messages a device may send at once above the rate. Default 100. */
  publishBurst: number;
  /**
   * Sustained rate of a Sparkplug B edge node's `spBv1.0/...` PUBLISHes, messages per second: one
   * connection speaks for all of its devices (a gateway of 100 devices at 1 Hz sends 100/s), so its
   * Sparkplug topics get their own bucket at this rate, burst one second of it. Default 2,000
   * (100 devices at the per-device rate).
   */
  sparkplugPublishRatePerSecond: number;
  /**
   * How far behind its quota a device may fall before it is disconnected, seconds. Within it, the
   * broker holds the PUBLISH (and so the reading of its socket) until a token is due. Default 2.
   */
  publishThrottleMaxDelaySeconds: number;
  /** New connections accepted per second from one IP address (token bucket refill). Default 50. */
  connectionRatePerIp: number;
  /** Connections from one IP address accepted at once above that rate. Default 200. */
  connectionBurstPerIp: number;
  /** Concurrent connections from one IP address. Default 1,000. */
  maxConnectionsPerIp: number;
  /** Failed authentications from one IP within `authFailureWindowSeconds` before the IP is blocked. Default 5. */
  authFailuresPerIp: number;
  /** Window of `authFailuresPerIp`, seconds. Default 60. */
  authFailureWindowSeconds: number;
  /** How long a throttled IP's connections are refused, seconds. Default 60. */
  authBlockSeconds: number;
  /** A subscriber whose socket stays full this long is dropped, seconds. Default 10. */
  drainTimeoutSeconds: number;
  /** QoS 1/2 messages queued for one persistent session (offline or unacknowledged); newer ones are dropped. Default 1,000. */
  maxQueuedMessagesPerSession: number;
  /** Distinct retained topics one device may hold. Default 32. */
  maxRetainedPerDevice: number;
  /** Inbound QoS 2 messages awaiting PUBREL per connection. Default 100. */
  maxQos2InFlight: number;
  /** A persistent (clean=false) session whose client has been away this long is removed, seconds. Default 86,400 (1 day). */
  sessionExpirySeconds: number;
}

/** The defaults (see README "Limits"). */
export const DEFAULT_BROKER_LIMITS: Readonly<BrokerLimits> = Object.freeze({
  maxPacketBytes: 256 * 1024,
  maxTopicLevels: 16,
  maxTopicBytes: 1024,
  maxClientIdLength: 64,
  maxKeepAliveSeconds: 300,
  connectTimeoutSeconds: 10,
  publishRatePerSecond: 20,
  publishBurst: 100,
  sparkplugPublishRatePerSecond: 2_000,
  publishThrottleMaxDelaySeconds: 2,
  connectionRatePerIp: 50,
  connectionBurstPerIp: 200,
  maxConnectionsPerIp: 1_000,
  authFailuresPerIp: 5,
  authFailureWindowSeconds: 60,
  authBlockSeconds: 60,
  drainTimeoutSeconds: 10,
  maxQueuedMessagesPerSession: 1_000,
  maxRetainedPerDevice: 32,
  maxQos2InFlight: 100,
  sessionExpirySeconds: 86_400,
});

/** The defaults overridden by whatever is given. */
export function resolveBrokerLimits(overrides: Partial<BrokerLimits> = {}): BrokerLimits {
  const limits = { ...DEFAULT_BROKER_LIMITS };
  for (const [key, value] of Object.entries(overrides) as Array<
    [keyof BrokerLimits, number | undefined]
  >) {
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`broker limit ${key} must be a non-negative number, got ${value}`);
    limits[key] = value;
  }
  return limits;
}

/** Why the broker refused a connection or a packet: the `reason` label of `hg_broker_rejections_total`. */
export type RejectionReason =
  | 'bad_credentials'
  | 'client_id_mismatch'
  | 'service_client_id'
  | 'client_id_invalid'
  | 'server_unavailable'
  | 'device_revoked'
  | 'keepalive_limit'
  | 'connect_timeout'
  | 'keepalive_timeout'
  | 'packet_too_large'
  | 'malformed_packet'
  | 'protocol_violation'
  | 'unsupported_protocol'
  | 'topic_invalid'
  | 'will_invalid'
  | 'will_denied'
  | 'publish_denied'
  | 'subscribe_denied'
  | 'publish_rate'
  | 'retained_quota'
  | 'qos2_inflight'
  | 'drain_timeout'
  | 'ip_connection_rate'
  | 'ip_connection_cap'
  | 'auth_throttled'
  | 'queue_full'
  | 'shared_subscription_refused';
