import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * mosquitto.conf lines for the fault tests. With Mosquitto's defaults the broker, not ingest,
 * would decide the outcome: at most 20 QoS 1 messages in flight per client (ingest's own window,
 * `maxUnacked`, would never be reached) and 1,000 more queued per client, beyond which Mosquitto
 * drops QoS 1 messages (a worker restarting at 100 msg/s loses some). A deployment in front of
 * ingest needs the same two settings. `log_type subscribe` lets a test see a subscription land.
 */
export const MOSQUITTO_FOR_INGEST = [
  'max_inflight_messages 0',
  'max_queued_messages 0',
  'log_type subscribe',
].join('\n');

/**
 * How many times Mosquitto (started with {@link MOSQUITTO_FOR_INGEST}) logged a subscription of a
 * client whose id matches `clientId` to `filter`. The ingest subscriber resolves `start()` at
 * CONNACK, before the broker has its SUBSCRIBE, so a test waits for this before publishing.
 */
export function subscriptionsLogged(
  mosquittoDir: string,
  clientId: RegExp,
  filter: string,
): number {
  let text: string;
  try {
    text = readFileSync(join(mosquittoDir, 'mosquitto.log'), 'utf8');
  } catch {
    return 0;
  }
  let count = 0;
  for (const line of text.split('\n')) {
    // "<time>: <client id> <qos> <filter>"
    const match = /: (\S+) [0-2] (\S+)$/.exec(line);
    if (match && clientId.test(match[1]) && match[2] === filter) count++;
  }
  return count;
}
