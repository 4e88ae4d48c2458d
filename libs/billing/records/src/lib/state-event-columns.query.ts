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
import { timestamptzToUs as timestampToUsSql, usToTimestamptz } from './billing-time';

/** One asset's packed events with its tenant and latest receipt ({@link StateEventColumnsQuery.packedWithReceipt}). */
export interface PackedEvents {
  assetId: string;
  tenantId: string;
  n: number;
  packed: Uint8Array;
  maxReceivedUs: Micros;
}

/** Bytes per event in a packed row: observed time (8), meter reading (8), kind and state code (2). */
const EVENT_BYTES = 18;
/** `timestamptz_send` counts microseconds from 2000-01-01T00:00:00Z. */
const PG_EPOCH_US = 946_684_800_000_000;

/** The state column's code, as `pushEvent` computes it: a base state's code, UNKNOWN for anything else, none for null. */
const STATE_CODE_SQL = `case e.state ${BASE_STATES.map((s) => `when '${s}' then ${STATE_CODE[s]}`).join(' ')}
  else case when e.state is null then ${NO_STATE} else ${STATE_CODE.UNKNOWN} end end`;
const KIND_CODE_SQL = `case e.kind when 'HOUR_METER' then ${KIND_METER} when 'HEARTBEAT' then ${KIND_HEARTBEAT} else ${KIND_STATE} end`;
/** The events of a group of `state_events e` rows packed in the engine's order (see {@link unpackEvents}). */
const PACKED_SQL = `string_agg(timestamptz_send(e.observed_at) || float8send(coalesce(e.meter_hours, 'NaN'))
                      || int2send((${KIND_CODE_SQL} * 256 + ${STATE_CODE_SQL})::int2), ''::bytea
                    order by e.observed_at, coalesce(e.seq, 0), e.kind collate "C")`;

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
      `select e.asset_id, count(*)::int as n, ${PACKED_SQL} as packed
       from state_events e
       where e.asset_id = any($1::text[]) and e.observed_at >= ${usToTimestamptz('$2')} and e.observed_at < ${usToTimestamptz('$3')}
         and e.received_at <= ${usToTimestamptz('$4')} and ${tenant}
       group by e.asset_id`,
      params as string[],
    );
    for (const r of rows) found.set(r.asset_id, unpackEvents(r.packed, Number(r.n)));
    return found;
  }

  /**
   * {@link columns} of several observed ranges at once, `[from[i], to[i])` of `assetIds[i]`: one
   * entry per range with events, keyed by its index, packed as {@link unpackEventsInto} reads them.
   */
  async ranges(
    scope: Scope,
    assetIds: readonly string[],
    from: readonly Micros[],
    to: readonly Micros[],
    cutoffUs: Micros,
  ): Promise<Map<number, { n: number; packed: Uint8Array }>> {
    const found = new Map<number, { n: number; packed: Uint8Array }>();
    if (assetIds.length === 0) return found;
    const params: unknown[] = [[...assetIds], [...from], [...to], cutoffUs];
    const tenant = scopeCondition(scope, 'e.tenant_id', params);
    const rows = await this.db.query<{ i: number; n: number; packed: Uint8Array }>(
      `select r.i::int as i, count(*)::int as n, ${PACKED_SQL} as packed
       from unnest($1::text[], $2::bigint[], $3::bigint[]) with ordinality as r(a, lo, hi, i)
       join state_events e on e.asset_id = r.a and e.observed_at >= ${usToTimestamptz('r.lo')}
         and e.observed_at < ${usToTimestamptz('r.hi')}
       where e.received_at <= ${usToTimestamptz('$4')} and ${tenant}
       group by r.i`,
      params as string[],
    );
    for (const r of rows) found.set(Number(r.i) - 1, { n: Number(r.n), packed: r.packed });
    return found;
  }

  /**
   * Each asset's events observed in `[startUs, endUs)` and received up to `cutoffUs`, packed, with
   * the asset's tenant and the latest receipt among them (what a day block is made from).
   */
  async packedWithReceipt(
    assetIds: readonly string[],
    startUs: Micros,
    endUs: Micros,
    cutoffUs: Micros,
  ): Promise<PackedEvents[]> {
    if (assetIds.length === 0) return [];
    const rows = await this.db.query<{
      asset_id: string;
      tenant_id: string;
      n: number;
      packed: Uint8Array;
      max_received_us: string | number;
    }>(
      `select e.asset_id, min(e.tenant_id) as tenant_id, count(*)::int as n, ${PACKED_SQL} as packed,
         ${timestampToUsSql('max(e.received_at)')} as max_received_us
       from state_events e
       where e.asset_id = any($1::text[]) and e.observed_at >= ${usToTimestamptz('$2')} and e.observed_at < ${usToTimestamptz('$3')}
         and e.received_at <= ${usToTimestamptz('$4')}
       group by e.asset_id`,
      [[...assetIds], startUs, endUs, cutoffUs] as unknown as string[],
    );
    return rows.map((r) => ({
      assetId: r.asset_id,
      tenantId: r.tenant_id,
      n: Number(r.n),
      packed: r.packed,
      maxReceivedUs: Number(r.max_received_us),
    }));
  }
}

/** Decodes `n` packed events (big-endian, as PostgreSQL's send functions write them) into columns. */
export function unpackEvents(packed: Uint8Array, n: number): EventColumns {
  const cols = emptyColumns(n);
  cols.length = unpackEventsInto(packed, n, cols, 0);
  return cols;
}

/** {@link unpackEvents} into `target` from index `at`; returns the index after the last event. */
export function unpackEventsInto(
  packed: Uint8Array,
  n: number,
  target: EventColumns,
  at: number,
): number {
  if (packed.byteLength !== n * EVENT_BYTES)
    throw new RangeError(`packed events: ${packed.byteLength} bytes for ${n} events`);
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  for (let i = at, o = 0; i < at + n; i++, o += EVENT_BYTES) {
    // Exact below 2^53 µs: the high word is signed, the low one unsigned.
    target.atUs[i] = view.getInt32(o) * 2 ** 32 + view.getUint32(o + 4) + PG_EPOCH_US;
    const meter = view.getFloat64(o + 8);
    target.meter[i] = meter === meter ? meter : Number.NaN;
    target.kind[i] = view.getUint8(o + 16);
    target.state[i] = view.getUint8(o + 17);
  }
  return at + n;
}
