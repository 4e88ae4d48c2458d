import {
  commandTopic,
  eventsTopic,
  statusTopic,
  telemetryTopic,
  type DeviceState,
  type ReplaceCommand,
  type TelemetryBatchMessage as WireTelemetryBatchMessage,
  type TelemetryMessage as WireTelemetryMessage,
} from '@hourglass/contracts-wire';
import { CMAPSS_MEASUREMENT_NAMES, CmapssRow } from '@hourglass/datasets-cmapss';

// The simulator is a device: it shares the wire format (@hourglass/contracts-wire) and nothing
// else of the platform.
export type { DeviceState, ReplaceCommand, ReplacedEvent } from '@hourglass/contracts-wire';

/** One sample on `devices/{deviceId}/telemetry`, as this simulator always fills it. */
export interface TelemetryMessage extends WireTelemetryMessage {
  /** Epoch milliseconds at send. */
  ts: number;
  /** Per-device sequence number, increasing, never reset within a process. */
  seq: number;
  /** `cycle`, `setting1..3`, `s1..s21` while running; empty for heartbeats. */
  metrics: Record<string, number>;
  state: DeviceState;
}

/**
 * Several samples in one message on `devices/{deviceId}/telemetry` (the `{"batch": [...]}` form of the
 * interface spec): how a device catches up on history without bursting past the broker's
 * per-device publish rate.
 */
export type TelemetryBatchMessage = WireTelemetryBatchMessage<TelemetryMessage>;

/** Samples per batch message when catching up (≈60 KB of JSON, well below the 256 KiB packet limit). */
export const CATCH_UP_BATCH = 100;

/** MQTT topics of one device. */
export interface DeviceTopics {
  telemetry: string;
  status: string;
  events: string;
  replaceCommand: string;
}

/** Topics of `deviceId` as listed in the public interface. */
export function deviceTopics(deviceId: string): DeviceTopics {
  return {
    telemetry: telemetryTopic(deviceId),
    status: statusTopic(deviceId),
    events: eventsTopic(deviceId),
    replaceCommand: commandTopic(deviceId, 'replace'),
  };
}

/** The metrics of one C-MAPSS row, keyed `cycle`, `setting1..3`, `s1..s21`. */
export function rowMetrics(row: CmapssRow): Record<string, number> {
  const metrics: Record<string, number> = { cycle: row.cycle };
  CMAPSS_MEASUREMENT_NAMES.forEach((name, i) => {
    metrics[name] = row.values[i];
  });
  return metrics;
}

/**
 * Parses a replace command payload. An empty payload is accepted (no task id); anything that is
 * not a JSON object is rejected.
 */
export function parseReplaceCommand(payload: Buffer | string): ReplaceCommand | undefined {
  const text = payload.toString().trim();
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const taskId = (value as Record<string, unknown>)['taskId'];
    if (taskId === undefined || taskId === null) return {};
    return typeof taskId === 'string' || typeof taskId === 'number'
      ? { taskId: String(taskId) }
      : undefined;
  } catch {
    return undefined;
  }
}
