import type { BrokerLimits } from './broker-limits';
import type { AcceptedConnection } from './broker-listeners';
import type { BrokerMetrics } from './broker-metrics';
import { markSessionPresent } from './connack-session-present';
import { observeWrites, OutboundFlows } from './outbound-flows';
import { guardParsedPackets } from './parsed-packet-guard';

/** What {@link guardConversation} needs of the broker. */
export interface ConversationGuardDeps {
  limits: BrokerLimits;
  metrics: BrokerMetrics;
  /** Whether the client's CONNACK must say session present (SessionPresence). */
  sessionPresent(client: object): boolean;
  log(line: string): void;
}

/**
 * The MQTT 3.1.1 rules aedes 1.2 leaves out, put around one accepted connection and the aedes
 * client handling it: packets to close for, acknowledgements of the wrong kind for the flows in
 * flight, and CONNACK's session-present flag (README "MQTT 3.1.1 conformance").
 */
export function guardConversation(
  connection: AcceptedConnection,
  client: object,
  deps: ConversationGuardDeps,
): void {
  const flows = new OutboundFlows();
  observeWrites(connection.stream, (chunk) => flows.written(chunk));
  markSessionPresent(connection.stream, () => deps.sessionPresent(client));
  const onReject = (reason: Parameters<BrokerMetrics['reject']>[0], problem: string) => {
    deps.metrics.reject(reason);
    deps.log(`broker: connection from ${connection.ip} closed: ${problem}`);
  };
  guardParsedPackets(client, deps.limits, onReject, flows);
}
