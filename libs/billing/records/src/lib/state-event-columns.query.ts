import {
  BASE_STATES,
  KIND_HEARTBEAT,
  KIND_METER,
  KIND_STATE,
  NO_STATE,
  STATE_CODE,
  emptyColumns,
  type EventColumns,
  type Micros,
} from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { usToTimestamptz } from './billing-time';

/** Bytes per event in a packed row: observed time (8), meter reading (8), kind and state code (2). */
const EVENT_BYTES = 18;
/** `timestamptz_send` counts microseconds from 2000-01-01T00:00:00Z. */
const PG_EPOCH_US = 946_684_800_000_000;

/** The state column's code, as `pushEvent` computes it: a base state's code, UNKNOWN for anything else, none for null. */
const STATE_CODE_SQL = `case e.state ${BASE_STATES.map((s) => `when '${s}' then ${STATE_CODE[s]}`).join(' ')}
  else case when e.state is null then ${NO_STATE} else ${STATE_CODE.UNKNOWN} end end`;
const KIND_CODE_SQL = `case e.kind when 'HOUR_METER' then ${KIND_METER} when 'HEARTBEAT' then ${KIND_HEARTBEAT} else ${KIND_STATE} end`;

/**
 * Reads the telemetry events of a period (`state_events`, observed in `[start, end)`, received up to
 * the cutoff) straight into the engine's columns, one row per asset: the database orders and packs
 * each asset's events into one `bytea` (no object, no string per event), in the engine's order
 * (observed time, sequence number, event id `<kind>@<µs>`: the kind's name in byte order). The
 * primary key (asset, observed time, kind) rules out duplicate ids, so nothing is left to
 * de-duplicate. Carry-in events and corrections are not read here (see
 * {@link StateEventRepository.carryInAndCorrections}).
 */
export class StateEventColumnsQuery {
  constructor(private readonly db: SqlDatabase) {}

  async columns(
    scope: Scope,
    assetIds: readonly string[],
    startUs: Micros,
    endUs: Micros,
    cutoffUs: Micros,
  ): Promise<Map<string, EventColumns>> {
    const found = new Map<string, EventColumns>();
    if (assetIds.length === 0) return found;
    const params: unknown[] = [[...assetIds], startUs, endUs, cutoffUs];
    const tenant = scopeCondition(scope, 'e.tenant_id', params);
    const rows = await this.db.query<{ asset_id: string; n: number; packed: Uint8Array }>(
      `select e.asset_id, count(*)::int as n,
         string_agg(timestamptz_send(e.observed_at) || float8send(coalesce(e.meter_hours, 'NaN'))
                      || int2send((${KIND_CODE_SQL} * 256 + ${STATE_CODE_SQL})::int2), ''::bytea
                    order by e.observed_at, coalesce(e.seq, 0), e.kind collate "C") as packed
       from state_events e
       where e.asset_id = any($1::text[]) and e.observed_at >= ${usToTimestamptz('$2')} and e.observed_at < ${usToTimestamptz('$3')}
         and e.received_at <= ${usToTimestamptz('$4')} and ${tenant}
       group by e.asset_id`,
      params as string[],
    );
    for (const r of rows) found.set(r.asset_id, unpackEvents(r.packed, Number(r.n)));
    return found;
  }
}

/** Decodes `n` packed events (big-endian, as PostgreSQL's send functions write them) into columns. */
export function unpackEvents(packed: Uint8Array, n: number): EventColumns {
  if (packed.byteLength !== n * EVENT_BYTES)
    throw new RangeError(`packed events: ${packed.byteLength} bytes for ${n} events`);
  const cols = emptyColumns(n);
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  for (let i = 0, o = 0; i < n; i++, o += EVENT_BYTES) {
    // Exact below 2^53 µs: the high word is signed, the low one unsigned.
    cols.atUs[i] = view.getInt32(o) * 2 ** 32 + view.getUint32(o + 4) + PG_EPOCH_US;
    const meter = view.getFloat64(o + 8);
    cols.meter[i] = meter === meter ? meter : Number.NaN;
    cols.kind[i] = view.getUint8(o + 16);
    cols.state[i] = view.getUint8(o + 17);
  }
  cols.length = n;
  return cols;
}
