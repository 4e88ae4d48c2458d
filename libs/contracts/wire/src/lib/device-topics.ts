import { assertDeviceId, DEVICE_ID_PATTERN } from './device-id';

/** First level of every device topic. */
export const DEVICE_TOPIC_ROOT = 'devices';

/** Command names are one topic level: same alphabet and length as device ids. */
export const COMMAND_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Subscription filter of every device's telemetry. */
export const TELEMETRY_FILTER = 'devices/+/telemetry';
/** Subscription filter of every device's retained status. */
export const STATUS_FILTER = 'devices/+/status';
/** Subscription filter of every device's events. */
export const EVENTS_FILTER = 'devices/+/events';
/** Filter of every command to every device (what a platform service may publish). */
export const COMMANDS_FILTER = 'devices/+/commands/#';

/** A device topic taken apart by {@link parseDeviceTopic}. */
export type DeviceTopic =
  | { kind: 'telemetry' | 'status' | 'events'; deviceId: string }
  | { kind: 'command'; deviceId: string; command: string };

const ROOT = `${DEVICE_TOPIC_ROOT}/`;
const TELEMETRY_SUFFIX = '/telemetry';

/** `devices/{id}/`: the subtree a device may publish and subscribe in. Throws on an invalid id. */
export function deviceTopicPrefix(deviceId: string): string {
  assertDeviceId(deviceId);
  return `${ROOT}${deviceId}/`;
}

/** `devices/{id}/commands/`: the part of a device's subtree only the platform publishes to. */
export function deviceCommandsPrefix(deviceId: string): string {
  return `${deviceTopicPrefix(deviceId)}commands/`;
}

/** `devices/{id}/telemetry`. Throws a `RangeError` on an invalid id. */
export function telemetryTopic(deviceId: string): string {
  return `${deviceTopicPrefix(deviceId)}telemetry`;
}

/** `devices/{id}/status` (retained `online`/`offline`). Throws a `RangeError` on an invalid id. */
export function statusTopic(deviceId: string): string {
  return `${deviceTopicPrefix(deviceId)}status`;
}

/** `devices/{id}/events`. Throws a `RangeError` on an invalid id. */
export function eventsTopic(deviceId: string): string {
  return `${deviceTopicPrefix(deviceId)}events`;
}

/** `devices/{id}/commands/{name}`. Throws a `RangeError` on an invalid id or command name. */
export function commandTopic(deviceId: string, command: string): string {
  if (!COMMAND_NAME_PATTERN.test(command))
    throw new RangeError(
      `invalid command name ${JSON.stringify(command)}: expected ${COMMAND_NAME_PATTERN}`,
    );
  return `${deviceCommandsPrefix(deviceId)}${command}`;
}

/**
 * The device id of a telemetry topic `devices/{id}/telemetry`, or `null` for any other shape or
 * an invalid id. The ingest hot path calls this once per message, so it avoids splitting.
 */
export function deviceIdFromTelemetryTopic(topic: string): string | null {
  if (
    typeof topic !== 'string' ||
    topic.length <= ROOT.length + TELEMETRY_SUFFIX.length ||
    !topic.startsWith(ROOT) ||
    !topic.endsWith(TELEMETRY_SUFFIX)
  ) {
    return null;
  }
  const id = topic.slice(ROOT.length, topic.length - TELEMETRY_SUFFIX.length);
  return DEVICE_ID_PATTERN.test(id) ? id : null;
}

/**
 * The device id a topic lies under (`devices/{id}/...` with at least one level below the id), or
 * `null`. It says whose subtree a topic is in, not that the rest of the topic is a known one.
 */
export function deviceIdOfTopic(topic: string): string | null {
  if (typeof topic !== 'string' || !topic.startsWith(ROOT)) return null;
  const end = topic.indexOf('/', ROOT.length);
  if (end < 0 || end === topic.length - 1) return null;
  const id = topic.slice(ROOT.length, end);
  return DEVICE_ID_PATTERN.test(id) ? id : null;
}

/**
 * Takes a device topic apart: `devices/{id}/telemetry`, `/status`, `/events` or
 * `/commands/{name}`. Returns `null` for any other shape: another root, an invalid id or command
 * name, a missing or extra level, wildcards.
 */
export function parseDeviceTopic(topic: string): DeviceTopic | null {
  if (typeof topic !== 'string') return null;
  const levels = topic.split('/');
  if (levels[0] !== DEVICE_TOPIC_ROOT || !DEVICE_ID_PATTERN.test(levels[1] ?? '')) return null;
  const deviceId = levels[1];
  if (levels.length === 3) {
    const kind = levels[2];
    return kind === 'telemetry' || kind === 'status' || kind === 'events'
      ? { kind, deviceId }
      : null;
  }
  if (levels.length === 4 && levels[2] === 'commands' && COMMAND_NAME_PATTERN.test(levels[3])) {
    return { kind: 'command', deviceId, command: levels[3] };
  }
  return null;
}
