import type { Micros } from '@hourglass/billing-uptime';
import { BillingError } from './billing.error';

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO-8601 instant with up to microsecond precision (the API's time format) into micros. */
export function isoToMicros(iso: string): Micros {
  const m = ISO.exec(iso);
  const ms = m ? Date.parse(`${m[1]}${m[3]}`) : Number.NaN;
  if (!m || Number.isNaN(ms))
    throw new BillingError(
      'VALIDATION',
      `${JSON.stringify(iso)} is not an ISO-8601 instant (e.g. 2026-06-01T00:00:00.000000Z)`,
    );
  return ms * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/** An instant in micros as ISO-8601 with six fractional digits (UTC). */
export function microsToIso(us: Micros): string {
  const ms = Math.floor(us / 1000);
  const sub = us - ms * 1000;
  return new Date(ms).toISOString().replace('Z', `${String(sub).padStart(3, '0')}Z`);
}

/** SQL expression turning a bigint micros parameter into a timestamptz without losing microseconds. */
export const usToTimestamptz = (param: string) =>
  `(timestamptz 'epoch' + (${param})::bigint * interval '1 microsecond')`;

/** SQL expression reading a timestamptz column as bigint micros (exact: extract returns numeric). */
export const timestamptzToUs = (column: string) =>
  `(extract(epoch from ${column}) * 1000000)::bigint`;
