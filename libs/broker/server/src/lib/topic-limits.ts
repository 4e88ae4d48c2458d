import type { BrokerLimits } from './broker-limits';

/**
 * Characters a topic may not carry: U+0000 (MQTT 3.1.1 §1.5.3, MUST NOT), the C0/C1 control
 * characters (SHOULD NOT), and U+FFFD, which is what the packet parser leaves where the bytes
 * were not valid UTF-8 (§1.5.3: the receiver MUST close the connection).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\ufffd]/;

type TopicLimits = Pick<BrokerLimits, 'maxTopicLevels' | 'maxTopicBytes'>;

/** Why a topic name or filter breaks the size or character rules, or null when it is fine. */
export function topicProblem(topic: string, limits: TopicLimits): string | null {
  if (topic.length === 0) return 'empty topic';
  // A UTF-16 length above the byte limit means more bytes still; below it, count the bytes.
  if (
    topic.length > limits.maxTopicBytes ||
    Buffer.byteLength(topic, 'utf8') > limits.maxTopicBytes
  ) {
    return `topic longer than ${limits.maxTopicBytes} bytes`;
  }
  let levels = 1;
  for (let i = 0; i < topic.length; i++) if (topic.charCodeAt(i) === 47) levels++;
  if (levels > limits.maxTopicLevels) return `topic deeper than ${limits.maxTopicLevels} levels`;
  if (FORBIDDEN.test(topic)) return 'topic with a control character, U+0000 or invalid UTF-8';
  return null;
}

/** A Will topic must be a valid, concrete topic name: no wildcards (§3.1.3.3 refers to §4.7). */
export function willTopicProblem(topic: string, limits: TopicLimits): string | null {
  if (/[+#]/.test(topic)) return 'wildcard in will topic';
  return topicProblem(topic, limits);
}
