/**
 * Sparkplug B topics (Eclipse Sparkplug 3.0, §4.1): `spBv1.0/{group}/{type}/{edge}[/{device}]`.
 * Node messages (N*) have no device level; device messages (D*) must have one.
 */
export const SPARKPLUG_NAMESPACE = 'spBv1.0';

/** Message types an edge node publishes. */
export const SPARKPLUG_EDGE_TYPES = [
  'NBIRTH',
  'NDATA',
  'NDEATH',
  'DBIRTH',
  'DDATA',
  'DDEATH',
] as const;

export type SparkplugEdgeType = (typeof SPARKPLUG_EDGE_TYPES)[number];

/** Message types the host (the platform) publishes to an edge node. */
export type SparkplugCommandType = 'NCMD' | 'DCMD';

/** A Sparkplug topic taken apart by {@link parseSparkplugTopic}. */
export interface SparkplugTopic {
  group: string;
  type: SparkplugEdgeType | SparkplugCommandType;
  edge: string;
  /** Set for D* messages, absent for N* ones. */
  device?: string;
}

/** Subscription filter of every Sparkplug message of every edge node. */
export const SPARKPLUG_FILTER = `${SPARKPLUG_NAMESPACE}/#`;

const TYPES: ReadonlySet<string> = new Set([...SPARKPLUG_EDGE_TYPES, 'NCMD', 'DCMD']);
// §4.1.1: group, edge node and device ids are UTF-8 without the MQTT separators and wildcards.
const ID = /^[^/+#]{1,255}$/;

/** `topic` as Sparkplug parts, or null when it is not an edge or command topic of this namespace. */
export function parseSparkplugTopic(topic: string): SparkplugTopic | null {
  const levels = topic.split('/');
  if (levels[0] !== SPARKPLUG_NAMESPACE || levels.length < 4 || levels.length > 5) return null;
  const [, group, type, edge, device] = levels;
  if (!TYPES.has(type) || !ID.test(group) || !ID.test(edge)) return null;
  const deviceLevel = type.startsWith('D');
  if (deviceLevel !== (device !== undefined)) return null;
  if (device !== undefined && !ID.test(device)) return null;
  const parsed: SparkplugTopic = { group, type: type as SparkplugTopic['type'], edge };
  if (device !== undefined) parsed.device = device;
  return parsed;
}

/** `spBv1.0/{group}/NCMD/{edge}`: where a host sends node commands (Rebirth). */
export function sparkplugNodeCommandTopic(group: string, edge: string): string {
  return `${SPARKPLUG_NAMESPACE}/${group}/NCMD/${edge}`;
}
