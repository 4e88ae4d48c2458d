import type { EventEmitter } from 'node:events';
import type { BrokerLimits, RejectionReason } from './broker-limits';
import type { OutboundFlows } from './outbound-flows';
import { packetProblem, type ParsedPacket } from './packet-validator';

/** The part of an aedes client the guard reaches into: its packet parser and its connection. */
interface AedesClientInternals {
  _parser?: EventEmitter;
  conn: { destroy(): void };
}

/**
 * Puts {@link packetProblem} between aedes' packet parser and aedes' handlers: a packet MQTT 3.1.1
 * says the server must close the connection for (a malformed acknowledgement, a CONNECT whose
 * flags and payload disagree, an acknowledgement of the wrong kind for a message in `flows`, ...)
 * is never handed on; `onReject` is told and the connection is
 * destroyed without an answer. aedes 1.2 has no hook for every packet, so this wraps the
 * listeners of its (private) `_parser`; `start` fails loudly should a later aedes drop it.
 */
export function guardParsedPackets(
  client: unknown,
  limits: Pick<BrokerLimits, 'maxTopicLevels' | 'maxTopicBytes'>,
  onReject: (reason: RejectionReason, problem: string) => void,
  flows?: OutboundFlows,
): void {
  const internals = client as AedesClientInternals;
  const parser = internals._parser;
  if (!parser) throw new Error('aedes client without _parser: the parsed-packet guard needs it');
  const listeners = parser.listeners('packet') as Array<(packet: ParsedPacket) => void>;
  parser.removeAllListeners('packet');
  let rejected = false;
  parser.on('packet', function guarded(this: EventEmitter, packet: ParsedPacket) {
    if (rejected) return;
    const problem =
      packetProblem(packet, limits) ??
      (flows && packet.messageId ? flows.problem(packet.cmd, packet.messageId) : null);
    if (problem) {
      rejected = true;
      onReject('malformed_packet', problem);
      internals.conn.destroy();
      return;
    }
    for (const listener of listeners) listener.call(this, packet);
  });
}
