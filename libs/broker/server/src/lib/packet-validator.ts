import type { BrokerLimits } from './broker-limits';
import { topicProblem } from './topic-limits';

/** The fields of a parsed packet (mqtt-packet) that the checks read. */
export interface ParsedPacket {
  cmd: string;
  /** Remaining length as the fixed header declared it. */
  length?: number;
  messageId?: number;
  qos?: number;
  dup?: boolean;
  protocolId?: string;
  protocolVersion?: number;
  clientId?: string;
  username?: string;
  password?: Buffer;
  will?: { topic: string; payload: Buffer; qos: number };
  unsubscriptions?: string[];
}

/**
 * Characters a client id or user name may not carry (MQTT 3.1.1 §1.5.3): U+0000, the C0 and C1
 * control characters, U+FFFF, and U+FFFD, which is what the parser leaves of ill-formed UTF-8 (a
 * surrogate such as ED A0 80 included).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_STRINGS = /[\u0000-\u001f\u007f-\u009f\ufffd\uffff]/;

const ACKS = new Set(['puback', 'pubrec', 'pubrel', 'pubcomp']);
const EMPTY = new Set(['pingreq', 'disconnect']);

/**
 * What mqtt-packet parses without complaint but MQTT 3.1.1 says the server MUST close the
 * connection for. Returns the rule broken, or null when the packet is well formed.
 */
export function packetProblem(
  packet: ParsedPacket,
  limits: Pick<BrokerLimits, 'maxTopicLevels' | 'maxTopicBytes'>,
): string | null {
  if (packet.cmd === 'connect') return connectProblem(packet);
  if (ACKS.has(packet.cmd)) {
    if (packet.length !== 2) return `${packet.cmd} with remaining length ${packet.length} (§3.4.1)`;
    if (!packet.messageId) return `${packet.cmd} with packet identifier 0 (§2.3.1-1)`;
    return null;
  }
  if (EMPTY.has(packet.cmd))
    return packet.length === 0 ? null : `${packet.cmd} with a body (§3.12.1, §3.14.1)`;
  if (packet.cmd === 'publish') {
    if (!packet.qos && packet.dup) return 'QoS 0 PUBLISH with DUP set (MQTT-3.3.1-2)';
    if (packet.qos && !packet.messageId) return 'PUBLISH with packet identifier 0 (§2.3.1-1)';
    return null;
  }
  if (packet.cmd === 'unsubscribe') return unsubscribeProblem(packet, limits);
  return null;
}

function connectProblem(packet: ParsedPacket): string | null {
  if (packet.protocolVersion === 5) return null; // refused by the framing guard already
  if (packet.will && packet.will.qos > 2) return 'Will QoS 3 (MQTT-3.1.2-14)';
  if (packet.password !== undefined && packet.username === undefined)
    return 'password flag without user name flag (MQTT-3.1.2-22)';
  if (FORBIDDEN_IN_STRINGS.test(packet.clientId ?? ''))
    return 'client id with U+0000, a control character, U+FFFF or invalid UTF-8';
  if (packet.username !== undefined && FORBIDDEN_IN_STRINGS.test(packet.username))
    return 'user name with U+0000, a control character, U+FFFF or invalid UTF-8';
  const declared = packet.length ?? -1;
  if (declared !== connectLength(packet))
    return 'CONNECT fields do not fill its remaining length (flags and payload disagree, MQTT-3.1.2-18/20)';
  return null;
}

/** The remaining length a CONNECT with exactly these fields has (MQTT 3.1.1 §3.1). */
function connectLength(packet: ParsedPacket): number {
  const string = (s: string) => 2 + Buffer.byteLength(s, 'utf8');
  let length = string(packet.protocolId ?? '') + 1 + 1 + 2 + string(packet.clientId ?? '');
  if (packet.will) length += string(packet.will.topic) + 2 + packet.will.payload.length;
  if (packet.username !== undefined) length += string(packet.username);
  if (packet.password !== undefined) length += 2 + packet.password.length;
  return length;
}

function unsubscribeProblem(
  packet: ParsedPacket,
  limits: Pick<BrokerLimits, 'maxTopicLevels' | 'maxTopicBytes'>,
): string | null {
  const filters = packet.unsubscriptions ?? [];
  if (filters.length === 0) return 'UNSUBSCRIBE without a topic filter (MQTT-3.10.3-2)';
  for (const filter of filters) {
    const problem = filter.includes('\uffff') ? 'U+FFFF in a filter' : topicProblem(filter, limits);
    if (problem) return `UNSUBSCRIBE ${problem}`;
  }
  return null;
}
