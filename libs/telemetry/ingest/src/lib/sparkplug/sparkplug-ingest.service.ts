import {
  isValidDeviceId,
  parseSparkplugTopic,
  sparkplugNodeCommandTopic,
  STATUS_OFFLINE,
  STATUS_ONLINE,
  statusTopic,
  type SparkplugTopic,
} from '@hourglass/contracts-wire';
import type { MetricsRegistry } from '@hourglass/platform-metrics';
import { validateTelemetryValue, type TelemetrySample } from '@hourglass/telemetry-schema';
import type { ReceivedMessage } from '../durable-ack-subscriber';
import type { TelemetryIngestService } from '../telemetry-ingest.service';
import {
  decodeSparkplugPayload,
  encodeSparkplugPayload,
  SparkplugDecodeError,
  type SparkplugPayload,
} from './sparkplug-payload.codec';
import { sparkplugSampleValues } from './sparkplug-samples';
import { SparkplugSessions, type SparkplugStep } from './sparkplug-session';

/** Publishes the host's messages: rebirth requests and device status (the broker, or an MQTT client). */
export interface SparkplugPublisher {
  publish(topic: string, payload: Buffer, options: { retain: boolean }): Promise<void>;
}

/** The tenant a registered device belongs to (the registry), or null when it is not registered. */
export interface SparkplugDeviceDirectory {
  tenantOf(deviceId: string): Promise<string | null>;
}

/** What {@link SparkplugIngestService} works with. */
export interface SparkplugIngestDependencies {
  ingest: TelemetryIngestService;
  directory: SparkplugDeviceDirectory;
  metrics: MetricsRegistry;
  now?: () => number;
  log?: (line: string) => void;
}

type Rejection = { reason: string; detail: string };

/**
 * Sparkplug B ingest (see the lib README, "Sparkplug B"). Each edge node's messages are applied in
 * order to its session; the device of a message is the registered device named by the topic's device
 * level (or the edge node for N* messages), and must belong to the tenant named by the group. What
 * the session accepts goes through the telemetry validator and then the same batches, dead letters
 * and durable acknowledgement as JSON (TelemetryIngestService.handleDecoded).
 */
export class SparkplugIngestService {
  readonly sessions: SparkplugSessions;
  private publisher?: SparkplugPublisher;
  /** Tenant of each device named by a birth, looked up at every birth. */
  private readonly tenants = new Map<string, string | null>();
  /** The tail of each edge node's queue: its messages are handled one after another. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly m;

  constructor(
    private readonly deps: SparkplugIngestDependencies,
    options: { rebirthIntervalMs?: number } = {},
  ) {
    this.sessions = new SparkplugSessions(options);
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? (() => undefined);
    this.m = {
      rebirths: deps.metrics.counter(
        'hg_ingest_sparkplug_rebirths_total',
        'Sparkplug rebirth requests (NCMD Node Control/Rebirth) sent to edge nodes',
      ),
      ignored: deps.metrics.counter(
        'hg_ingest_sparkplug_ignored_metrics_total',
        'Sparkplug metrics of a non-numeric type (String, DataSet, Template, ...), not stored',
      ),
    };
  }

  /** Where rebirth requests and status go; until set, they are only logged. */
  attach(publisher: SparkplugPublisher): void {
    this.publisher = publisher;
  }

  /** Takes one message on `spBv1.0/...`; its `ack` is called once what it carried is durable. */
  handle(message: ReceivedMessage): void {
    const topic = parseSparkplugTopic(message.topic);
    if (!topic || topic.type === 'NCMD' || topic.type === 'DCMD') {
      const detail = `not a Sparkplug B edge node topic: ${JSON.stringify(message.topic.slice(0, 200))}`;
      return this.deliver(message, null, [], [{ reason: 'invalid_topic', detail }]);
    }
    const key = `${topic.group}/${topic.edge}`;
    const next = (this.queues.get(key) ?? Promise.resolve())
      .then(() => this.process(topic, message))
      .catch((error: Error) => {
        this.log(`ingest: sparkplug ${message.topic}: ${error.message}`);
        this.deliver(
          message,
          null,
          [],
          [{ reason: 'sparkplug_invalid_payload', detail: error.message }],
        );
      });
    this.queues.set(key, next);
    void next.then(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    });
  }

  private async process(topic: SparkplugTopic, message: ReceivedMessage): Promise<void> {
    const target = topic.device ?? topic.edge;
    const owned = (id: string) => this.tenants.get(id) === topic.group;
    // A dead letter is listed to its device's tenant: never name another tenant's device.
    const letterDevice = () => (owned(target) ? target : owned(topic.edge) ? topic.edge : null);
    let payload: SparkplugPayload;
    try {
      payload = decodeSparkplugPayload(message.payload);
    } catch (error) {
      if (!(error instanceof SparkplugDecodeError)) throw error;
      return this.deliver(
        message,
        letterDevice(),
        [],
        [{ reason: 'sparkplug_invalid_payload', detail: error.message }],
      );
    }
    if (topic.type === 'NBIRTH' || topic.type === 'DBIRTH')
      this.tenants.set(target, await this.lookup(target));
    const now = this.now();
    const step = this.sessions.receive(topic, payload, now);
    const rejected: Rejection[] = [...step.rejected];
    let samples: TelemetrySample[] = [];
    if (!owned(topic.edge) || !owned(target)) {
      const who = owned(topic.edge) ? `device ${target}` : `edge node ${topic.edge}`;
      if (step.metrics.length > 0 || (step.rejected.length === 0 && topic.type !== 'NDEATH'))
        rejected.push({
          reason: 'sparkplug_unknown_device',
          detail: `${who} is not a registered device of tenant ${topic.group}`,
        });
    } else if (step.metrics.length > 0) {
      samples = this.samples(target, step, payload, now, rejected);
    }
    this.deliver(message, letterDevice(), samples, rejected);
    this.follow(topic, step, owned);
  }

  /** Numbers of the step as validated samples of `deviceId`; the rest into `rejected`. */
  private samples(
    deviceId: string,
    step: SparkplugStep,
    payload: SparkplugPayload,
    now: number,
    rejected: Rejection[],
  ): TelemetrySample[] {
    const values = sparkplugSampleValues(step.metrics, payload.timestamp, now);
    if (values.ignored > 0) this.m.ignored.inc(values.ignored);
    for (const detail of values.unsafe) rejected.push({ reason: 'unsafe_integer', detail });
    if (!values.message) return [];
    const result = validateTelemetryValue(deviceId, values.message, now, this.deps.ingest.limits);
    for (const r of result.rejected) rejected.push(r);
    return result.samples;
  }

  private deliver(
    message: ReceivedMessage,
    deviceId: string | null,
    samples: TelemetrySample[],
    rejected: Rejection[],
  ): void {
    this.deps.ingest.handleDecoded(message, {
      deviceId,
      samples,
      rejected,
      letterPayload: `base64:${message.payload.toString('base64')}`,
    });
  }

  /** The rebirth request and the status changes a step calls for. */
  private follow(topic: SparkplugTopic, step: SparkplugStep, owned: (id: string) => boolean) {
    if (step.rebirth) {
      this.m.rebirths.inc();
      this.send(
        sparkplugNodeCommandTopic(topic.group, topic.edge),
        encodeSparkplugPayload({
          timestamp: this.now(),
          metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }],
        }),
        false,
      );
    }
    const status = (ids: Array<string | null>, payload: string) => {
      for (const id of ids.map((d) => d ?? topic.edge))
        if (isValidDeviceId(id) && owned(id))
          this.send(statusTopic(id), Buffer.from(payload), true);
    };
    status(step.online, STATUS_ONLINE);
    status(step.offline, STATUS_OFFLINE);
  }

  private send(topic: string, payload: Buffer, retain: boolean): void {
    if (!this.publisher) return this.log(`ingest: sparkplug: no publisher for ${topic}`);
    this.publisher
      .publish(topic, payload, { retain })
      .catch((error: Error) => this.log(`ingest: sparkplug publish ${topic}: ${error.message}`));
  }

  private async lookup(deviceId: string): Promise<string | null> {
    return isValidDeviceId(deviceId) ? this.deps.directory.tenantOf(deviceId) : null;
  }
}
