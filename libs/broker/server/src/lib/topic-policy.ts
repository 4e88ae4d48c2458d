import {
  deviceCommandsPrefix,
  deviceTopicPrefix,
  isValidDeviceId,
  parseSparkplugTopic,
  SPARKPLUG_NAMESPACE,
} from '@hourglass/contracts-wire';
import type { ClientIdentity, DeviceClientIdentity } from './broker-identity';

/** MQTT topic-filter matching (MQTT 3.1.1 §4.7): `+` one level, `#` the rest (including none). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/** Strips a shared-subscription prefix `$share/<group>/` (MQTT 5 §4.8.2), if any. */
export function stripShare(filter: string): string {
  if (!filter.startsWith('$share/')) return filter;
  const rest = filter.slice('$share/'.length);
  const slash = rest.indexOf('/');
  return slash > 0 ? rest.slice(slash + 1) : filter;
}

const WILDCARD = /[+#]/;

/** Whether the identity may publish to `topic` (a concrete topic: wildcards are never allowed, §3.3.2.1). */
export function authorizePublish(identity: ClientIdentity, topic: string): boolean {
  if (identity.kind === 'device')
    return deviceMayPublish(identity.deviceId, topic) || edgeNodeMayPublish(identity, topic);
  if (!topic || WILDCARD.test(topic) || topic.startsWith('$')) return false;
  return identity.publish.some((f) => topicMatches(f, topic));
}

/**
 * Whether device `deviceId` may publish to `topic`, itself or through its Will: only below
 * `devices/{deviceId}/`, and not on its own command topics, where it would impersonate the platform.
 */
export function deviceMayPublish(deviceId: string, topic: string): boolean {
  if (!topic || WILDCARD.test(topic) || topic.startsWith('$') || !isValidDeviceId(deviceId))
    return false;
  const prefix = deviceTopicPrefix(deviceId);
  return (
    topic.startsWith(prefix) &&
    topic.length > prefix.length &&
    !topic.startsWith(deviceCommandsPrefix(deviceId))
  );
}

/**
 * Whether a device may publish `topic` as a Sparkplug B edge node: only its own edge node id
 * (`spBv1.0/{tenant}/{N|D}{BIRTH|DATA|DEATH}/{deviceId}[/{device}]`), and only in the group named
 * after its tenant, so an edge node's credentials scope its group. NCMD/DCMD and STATE are the
 * host's: an edge node publishing them would command another node or impersonate the platform.
 */
export function edgeNodeMayPublish(identity: DeviceClientIdentity, topic: string): boolean {
  const parsed = parseSparkplugTopic(topic);
  return (
    parsed !== null &&
    parsed.type !== 'NCMD' &&
    parsed.type !== 'DCMD' &&
    parsed.group === identity.tenantId &&
    parsed.edge === identity.deviceId
  );
}

/** Whether an edge node may subscribe to `filter`: its own NCMD topic and DCMD subtree. */
function edgeNodeMaySubscribe(identity: DeviceClientIdentity, filter: string): boolean {
  const group = `${SPARKPLUG_NAMESPACE}/${identity.tenantId}`;
  if (filter === `${group}/NCMD/${identity.deviceId}`) return true;
  const commands = `${group}/DCMD/${identity.deviceId}/`;
  return filter.startsWith(commands) && filter.length > commands.length;
}

/** Whether the identity may subscribe to `filter`. A device's filter must stay under its own prefix. */
export function authorizeSubscribe(identity: ClientIdentity, filter: string): boolean {
  if (!filter) return false;
  if (identity.kind === 'device') {
    if (edgeNodeMaySubscribe(identity, filter)) return true;
    const prefix = deviceTopicPrefix(identity.deviceId);
    if (!filter.startsWith(prefix)) return false;
    // `+`/`#` are fine below the device's own prefix: they cannot climb back up a level.
    return filter.length > prefix.length;
  }
  const wanted = stripShare(filter);
  return identity.subscribe.some(
    (allowed) => allowed === wanted || (!WILDCARD.test(wanted) && topicMatches(allowed, wanted)),
  );
}
