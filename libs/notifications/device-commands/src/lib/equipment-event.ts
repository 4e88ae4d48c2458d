import { EQUIPMENT_EVENT_TYPES, parseDeviceTopic } from '@hourglass/contracts-wire';

/** An event from equipment, validated: what {@link EquipmentEventSink} records. */
export interface EquipmentEvent {
  deviceId: string;
  type: (typeof EQUIPMENT_EVENT_TYPES)[number];
  /** The component it concerns; null when the message names none (the simulator's `replaced`). */
  component: string | null;
  partNumber: string | null;
  /** The order the equipment says it worked, if it says. */
  orderId: string | null;
  /** Device time, when readable. */
  deviceTs: Date | null;
  /** The message as received. */
  payload: string;
}

/** Why a message on `devices/{id}/events` was refused. */
export type EquipmentEventRejection = 'bad_topic' | 'not_json' | 'unknown_type' | 'bad_field';

/** Where valid equipment events go (the runtime adapts the work-order side to it). */
export interface EquipmentEventSink {
  record(event: EquipmentEvent): Promise<void>;
}

const MAX_PAYLOAD = 4096;
const text = (v: unknown, max = 100) => typeof v === 'string' && v.length > 0 && v.length <= max;
const optionalText = (v: unknown) => v === undefined || text(v);

function deviceTime(ts: unknown): Date | null | undefined {
  if (typeof ts === 'number' && Number.isSafeInteger(ts) && ts >= 0) return new Date(ts);
  if (typeof ts === 'string' && ts.length <= 40 && !Number.isNaN(Date.parse(ts)))
    return new Date(ts);
  return ts === undefined ? null : undefined;
}

/** Takes a message of `devices/{id}/events` apart: the event, or why it is refused. */
export function parseEquipmentEvent(
  topic: string,
  payload: Buffer,
): EquipmentEvent | { rejected: EquipmentEventRejection } {
  const where = parseDeviceTopic(topic);
  if (!where || where.kind !== 'events') return { rejected: 'bad_topic' };
  let body: unknown;
  try {
    body = payload.length <= MAX_PAYLOAD ? JSON.parse(payload.toString('utf8')) : undefined;
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { rejected: 'not_json' };
  const m = body as Record<string, unknown>;
  if (!(EQUIPMENT_EVENT_TYPES as readonly unknown[]).includes(m.type))
    return { rejected: 'unknown_type' };
  const type = m.type as EquipmentEvent['type'];
  const ts = deviceTime(m.ts);
  const componentOk = type === 'part_replaced' ? text(m.component) : optionalText(m.component);
  if (!componentOk || !optionalText(m.partNumber) || !optionalText(m.orderId) || ts === undefined)
    return { rejected: 'bad_field' };
  return {
    deviceId: where.deviceId,
    type,
    component: (m.component as string | undefined) ?? null,
    partNumber: (m.partNumber as string | undefined) ?? null,
    orderId: (m.orderId as string | undefined) ?? (typeof m.taskId === 'string' ? m.taskId : null),
    deviceTs: ts,
    payload: payload.toString('utf8'),
  };
}
