import type { SparkplugTopic } from '@hourglass/contracts-wire';
import type { SparkplugMetric, SparkplugPayload, SparkplugValue } from './sparkplug-payload.codec';

/** Why a Sparkplug message, or one metric of it, was not accepted (dead-letter reason, metric label). */
export type SparkplugRejectReason =
  /** Not a Sparkplug B protobuf, or a topic that is not an edge node's. */
  | 'sparkplug_invalid_payload'
  /** Data, a device birth or a device death before the node's NBIRTH (or after a seq gap). */
  | 'sparkplug_not_born'
  /** `seq` is not the previous message's plus one (mod 256). */
  | 'sparkplug_seq_gap'
  /** A data metric whose alias the birth did not define. */
  | 'sparkplug_unknown_alias'
  /** A data metric with neither a known alias nor a datatype of its own. */
  | 'sparkplug_unknown_metric'
  /** A device (or edge node) that is not registered in the group's tenant. */
  | 'sparkplug_unknown_device';

/** A metric with its name and datatype known (from the message or the birth). */
export interface ResolvedMetric {
  name: string;
  type: string;
  value: SparkplugValue;
  /** Epoch ms, when the metric carries its own timestamp. */
  timestamp?: number;
}

/** What one message did to the session and what should follow from it. */
export interface SparkplugStep {
  /** The device the metrics belong to; absent for the node's own metrics. */
  device?: string;
  /** Metrics to store (births carry current values too). */
  metrics: ResolvedMetric[];
  rejected: Array<{ reason: SparkplugRejectReason; detail: string }>;
  /** Send `Node Control/Rebirth` to the edge node. */
  rebirth: boolean;
  /** Devices now online or offline; `null` is the edge node itself. */
  online: Array<string | null>;
  offline: Array<string | null>;
}

interface MetricDefinition {
  name: string;
  type: string;
}

interface Definitions {
  byAlias: Map<number, MetricDefinition>;
  byName: Map<string, MetricDefinition>;
}

interface NodeSession {
  /** False after a seq gap: everything but an NBIRTH is refused until the node is born again. */
  born: boolean;
  seq: number;
  bdSeq?: number;
  node: Definitions;
  devices: Map<string, Definitions>;
}

/** Options of {@link SparkplugSessions}. */
export interface SparkplugSessionOptions {
  /** Least time between two rebirth requests to one edge node (default 5,000 ms). */
  rebirthIntervalMs: number;
}

const CONTROL = /^(bdSeq$|Node Control\/|Device Control\/)/;

/**
 * The Sparkplug B host's view of each edge node (Sparkplug 3.0 §6.4, §7): births define the metrics
 * and aliases, data resolves them, `seq` must count up by one (mod 256) from the NBIRTH, and
 * anything out of order is refused with a rebirth request. Pure: no I/O, the clock is an argument.
 */
export class SparkplugSessions {
  private readonly sessions = new Map<string, NodeSession>();
  private readonly lastRebirth = new Map<string, number>();
  private readonly options: SparkplugSessionOptions;

  constructor(options: Partial<SparkplugSessionOptions> = {}) {
    this.options = { rebirthIntervalMs: 5_000, ...options };
  }

  /** Applies one message of an edge node to its session. */
  receive(topic: SparkplugTopic, payload: SparkplugPayload, nowMs: number): SparkplugStep {
    const key = `${topic.group}/${topic.edge}`;
    const step: SparkplugStep = {
      metrics: [],
      rejected: [],
      rebirth: false,
      online: [],
      offline: [],
    };
    if (topic.device !== undefined) step.device = topic.device;
    if (topic.type === 'NBIRTH') return this.nodeBirth(key, payload, step);
    if (topic.type === 'NDEATH') return this.nodeDeath(key, payload, step);
    const session = this.sessions.get(key);
    if (!session?.born) {
      const why = session ? 'the node awaits its rebirth after a seq gap' : 'no NBIRTH yet';
      return this.refuse(
        key,
        step,
        'sparkplug_not_born',
        `${topic.type} before NBIRTH: ${why}`,
        nowMs,
      );
    }
    const expected = (session.seq + 1) % 256;
    if (payload.seq !== expected) {
      session.born = false;
      const got = payload.seq === undefined ? 'none' : String(payload.seq);
      return this.refuse(key, step, 'sparkplug_seq_gap', `seq ${got}, expected ${expected}`, nowMs);
    }
    session.seq = expected;
    return this.deviceMessage(key, session, topic, payload, step, nowMs);
  }

  /** Whether the edge node `group/edge` has a live session (born and in sequence). */
  isBorn(group: string, edge: string): boolean {
    return this.sessions.get(`${group}/${edge}`)?.born ?? false;
  }

  private deviceMessage(
    key: string,
    session: NodeSession,
    topic: SparkplugTopic,
    payload: SparkplugPayload,
    step: SparkplugStep,
    nowMs: number,
  ): SparkplugStep {
    const device = topic.device;
    switch (topic.type) {
      case 'NDATA':
        return this.resolve(session.node, payload.metrics, step);
      case 'DBIRTH': {
        const defs = define(payload.metrics, step);
        session.devices.set(device as string, defs);
        step.online.push(device as string);
        return step;
      }
      case 'DDATA': {
        const defs = session.devices.get(device as string);
        if (!defs)
          return this.refuse(
            key,
            step,
            'sparkplug_not_born',
            `DDATA of ${device} before its DBIRTH`,
            nowMs,
          );
        return this.resolve(defs, payload.metrics, step);
      }
      case 'DDEATH':
        session.devices.delete(device as string);
        step.offline.push(device as string);
        return step;
      default:
        return step; // NCMD/DCMD are the host's own: nothing to apply
    }
  }

  private nodeBirth(key: string, payload: SparkplugPayload, step: SparkplugStep): SparkplugStep {
    const node = define(payload.metrics, step);
    const bdSeq = bdSeqOf(payload.metrics);
    const session: NodeSession = { born: true, seq: payload.seq ?? 0, node, devices: new Map() };
    if (bdSeq !== undefined) session.bdSeq = bdSeq;
    this.sessions.set(key, session);
    this.lastRebirth.delete(key);
    step.online.push(null);
    return step;
  }

  /** §7.2: an NDEATH whose bdSeq is not the current birth's is a stale Will of an older connection. */
  private nodeDeath(key: string, payload: SparkplugPayload, step: SparkplugStep): SparkplugStep {
    const session = this.sessions.get(key);
    const bdSeq = bdSeqOf(payload.metrics);
    if (session && bdSeq !== undefined && session.bdSeq !== undefined && bdSeq !== session.bdSeq)
      return step;
    step.offline.push(null, ...(session?.devices.keys() ?? []));
    this.sessions.delete(key);
    return step;
  }

  private resolve(
    defs: Definitions,
    metrics: readonly SparkplugMetric[],
    step: SparkplugStep,
  ): SparkplugStep {
    for (const m of metrics) {
      if (m.isNull || (m.name !== undefined && CONTROL.test(m.name))) continue;
      const def = m.alias !== undefined ? defs.byAlias.get(m.alias) : defs.byName.get(m.name ?? '');
      if (m.alias !== undefined && !def) {
        step.rejected.push({
          reason: 'sparkplug_unknown_alias',
          detail: `alias ${m.alias} is not defined by the birth`,
        });
        continue;
      }
      const type = m.type !== 'Unknown' ? m.type : def?.type;
      const name = def?.name ?? m.name;
      if (!type || !name) {
        step.rejected.push({
          reason: 'sparkplug_unknown_metric',
          detail: `metric ${JSON.stringify(m.name ?? '')} has no datatype and is not in the birth`,
        });
        continue;
      }
      const value = m.type === 'Unknown' ? fromRaw(type, m.value) : m.value;
      step.metrics.push(withTimestamp({ name, type, value }, m.timestamp));
    }
    return step;
  }

  private refuse(
    key: string,
    step: SparkplugStep,
    reason: SparkplugRejectReason,
    detail: string,
    nowMs: number,
  ): SparkplugStep {
    step.rejected.push({ reason, detail });
    const last = this.lastRebirth.get(key);
    if (last === undefined || nowMs - last >= this.options.rebirthIntervalMs) {
      this.lastRebirth.set(key, nowMs);
      step.rebirth = true;
    }
    return step;
  }
}

/** The metric definitions of a birth; its values are data too. */
function define(metrics: readonly SparkplugMetric[], step: SparkplugStep): Definitions {
  const defs: Definitions = { byAlias: new Map(), byName: new Map() };
  for (const m of metrics) {
    if (m.name === undefined) continue; // §6.4.9: birth metrics have names; nothing to define
    const def = { name: m.name, type: m.type };
    defs.byName.set(m.name, def);
    if (m.alias !== undefined) defs.byAlias.set(m.alias, def);
    if (!m.isNull && !CONTROL.test(m.name))
      step.metrics.push(withTimestamp({ name: m.name, type: m.type, value: m.value }, m.timestamp));
  }
  return defs;
}

function withTimestamp(metric: ResolvedMetric, timestamp: number | undefined): ResolvedMetric {
  if (timestamp !== undefined) metric.timestamp = timestamp;
  return metric;
}

function bdSeqOf(metrics: readonly SparkplugMetric[]): number | undefined {
  const value = metrics.find((m) => m.name === 'bdSeq')?.value;
  return typeof value === 'number' ? value : undefined;
}

/** A raw protobuf field read with the birth's datatype (the package's own rules, §6.4.16). */
function fromRaw(type: string, value: SparkplugValue): SparkplugValue {
  if ((type === 'Int8' || type === 'Int16' || type === 'Int32') && typeof value === 'number')
    return value | 0;
  if (type === 'Int64') {
    const big = typeof value === 'number' ? BigInt(value) : value;
    if (typeof big === 'bigint') {
      const signed = big >= 2n ** 63n ? big - 2n ** 64n : big;
      const n = Number(signed);
      return Number.isSafeInteger(n) ? n : signed;
    }
  }
  return value;
}
