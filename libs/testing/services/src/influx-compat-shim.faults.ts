import { v2ErrorCode } from './influx-v2-write-translation';

/**
 * Faults the compatibility shim injects into `POST /api/v2/write`, set by a test with
 * `InfluxServer.faults()` (or `PUT /_shim/faults`). An empty object turns every fault off.
 */
export interface InfluxFaults {
  /** Each write waits this long (ms) before it is forwarded or answered (default 0). */
  latencyMs?: number;
  /** Each write is answered with this status (400-599) instead of being forwarded to influxd. */
  status?: number;
  /** `Retry-After` in seconds sent with `status` (RFC 9110 §10.2.3; default: no header). */
  retryAfterSeconds?: number;
}

/** The outcome of {@link parseInfluxFaults}. */
export type InfluxFaultsParse = { ok: true; faults: InfluxFaults } | { ok: false; message: string };

/** An answer the shim gives instead of forwarding a write. */
export interface InjectedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const MAX_LATENCY_MS = 10 * 60_000;
const KEYS = new Set(['latencyMs', 'status', 'retryAfterSeconds']);

/** Validates a faults document from the control endpoint; unknown keys and odd values are refused. */
export function parseInfluxFaults(value: unknown): InfluxFaultsParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'faults must be a JSON object' };
  }
  const input = value as Record<string, unknown>;
  const unknown = Object.keys(input).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) return { ok: false, message: `unknown fault(s): ${unknown.join(', ')}` };
  const faults: InfluxFaults = {};
  const checks: Array<[keyof InfluxFaults, number, number]> = [
    ['latencyMs', 0, MAX_LATENCY_MS],
    ['status', 400, 599],
    ['retryAfterSeconds', 0, 86_400],
  ];
  for (const [key, min, max] of checks) {
    const field = input[key];
    if (field === undefined || field === null) continue;
    if (typeof field !== 'number' || !Number.isInteger(field) || field < min || field > max) {
      return { ok: false, message: `${key} must be an integer from ${min} to ${max}` };
    }
    faults[key] = field;
  }
  if (faults.retryAfterSeconds !== undefined && faults.status === undefined) {
    return { ok: false, message: 'retryAfterSeconds needs a status' };
  }
  return { ok: true, faults };
}

/** The answer a faulted write gets instead of being forwarded, or undefined to forward it. */
export function injectedAnswer(faults: InfluxFaults): InjectedAnswer | undefined {
  if (faults.status === undefined) return undefined;
  const headers: Record<string, string> = {};
  if (faults.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(faults.retryAfterSeconds);
  }
  const body = JSON.stringify({
    code: v2ErrorCode(faults.status),
    message: `fault injected by the test (status ${faults.status})`,
  });
  return { status: faults.status, headers, body };
}
