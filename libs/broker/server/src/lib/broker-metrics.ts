import type { Counter, Gauge } from 'prom-client';
import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { RejectionReason } from './broker-limits';

/** The broker's Prometheus metrics, declared once per registry. */
export class BrokerMetrics {
  readonly rejections: Counter<'reason'>;
  readonly messagesIn: Counter;
  readonly messagesOut: Counter;
  readonly throttled: Counter;
  readonly queueDropped: Counter;
  readonly connections: Gauge<'transport'>;
  readonly accepted: Counter<'transport'>;
  readonly queuedMessages: Gauge;
  readonly retainedTopics: Gauge;

  constructor(metrics: MetricsRegistry) {
    this.rejections = metrics.counter(
      'hg_broker_rejections_total',
      'MQTT connections or packets refused, by reason',
      ['reason'],
    );
    this.messagesIn = metrics.counter(
      'hg_broker_messages_in_total',
      'PUBLISH packets accepted from clients',
    );
    this.messagesOut = metrics.counter(
      'hg_broker_messages_out_total',
      'PUBLISH packets forwarded to subscribers',
    );
    this.throttled = metrics.counter(
      'hg_broker_publish_throttled_total',
      'PUBLISH packets held back because the device was above its rate',
    );
    this.queueDropped = metrics.counter(
      'hg_broker_session_queue_dropped_total',
      'QoS 1/2 messages not queued for a session at its queue limit',
    );
    this.connections = metrics.gauge('hg_broker_connections', 'connected MQTT clients', [
      'transport',
    ]);
    this.accepted = metrics.counter(
      'hg_broker_connections_accepted_total',
      'connections admitted past the per-IP gate',
      ['transport'],
    );
    this.queuedMessages = metrics.gauge(
      'hg_broker_session_queue_messages',
      'QoS 1/2 messages queued for persistent sessions (this node)',
    );
    this.retainedTopics = metrics.gauge(
      'hg_broker_retained_topics',
      'retained topics held by devices (this node)',
    );
  }

  private readonly counted = new WeakSet<object>();

  reject(reason: RejectionReason): void {
    this.rejections.inc({ reason });
  }

  /**
   * Counts a client's rejection once: the other packets of the same read that fail after it are
   * the same refusal, not new ones.
   */
  rejectClient(client: object, reason: RejectionReason): void {
    if (this.counted.has(client)) return;
    this.counted.add(client);
    this.rejections.inc({ reason });
  }
}

/** An error closing a client that has already been counted under a reason. */
export class BrokerRejection extends Error {
  constructor(
    readonly reason: RejectionReason,
    message: string = reason,
    /** CONNACK return code when refused at CONNECT (MQTT 3.1.1 §3.2.2.3). */
    readonly returnCode?: number,
  ) {
    super(message);
    this.name = 'BrokerRejection';
  }
}

const AEDES_ERRORS: Array<[RegExp, RejectionReason]> = [
  [/connect did not arrive in time/, 'connect_timeout'],
  [/keep alive timeout/, 'keepalive_timeout'],
  [/drain timeout/, 'drain_timeout'],
  [/maxInflightInbound exceeded/, 'qos2_inflight'],
  [
    /too many levels|not allowed in PUBLISH|empty topic|allowed in SUBSCRIBE|impossible to SUBSCRIBE/,
    'topic_invalid',
  ],
  [/unacceptable protocol version/, 'unsupported_protocol'],
  [/^Invalid protocol$|Client queue limit reached/, 'protocol_violation'],
  [
    /Invalid|Malformed|Cannot parse|Unknown|not supported|wrong|must be|truncated|length/i,
    'malformed_packet',
  ],
];

/**
 * The reason behind an error aedes closed a client with, when it is a refusal rather than an
 * ordinary socket error (ECONNRESET, EPIPE, a closed connection), which are not counted.
 */
export function classifyClientError(error: Error): RejectionReason | null {
  if (error instanceof BrokerRejection) return null; // counted where it was raised
  if ('code' in error && typeof error.code === 'string' && error.code.startsWith('E')) return null;
  if (/connection closed|write after end|socket hang up/i.test(error.message)) return null;
  for (const [pattern, reason] of AEDES_ERRORS) if (pattern.test(error.message)) return reason;
  return 'protocol_violation';
}
