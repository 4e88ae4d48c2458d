import type { BillingEvent, Micros } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { timestamptzToUs, usToTimestamptz } from './billing-time';

/** The source of every event read from `state_events` (the ingest path's state tracking). */
export const TELEMETRY_SOURCE = 'telemetry';

/** How many events before the period start are read per asset for the carry-in (the last STATE and HEARTBEAT). */
const CARRY_IN_EVENTS = 2;

interface EventRow {
  asset_id: string;
  kind: string;
  state: string;
  seq: string | number | null;
  at_us: string | number;
  received_us: string | number;
}

/**
 * Reads the state events a billing run depends on (spec §3.1): those observed in the period and
 * received up to the cutoff, plus the last ones before the period start as the carry-in, in
 * (asset, observed_at) order. The event id is derived from the primary key: `<kind>@<observed µs>`.
 */
export class StateEventRepository {
  constructor(private readonly db: SqlDatabase) {}

  async events(scope: Scope, assetIds: readonly string[], startUs: Micros, endUs: Micros, cutoffUs: Micros): Promise<BillingEvent[]> {
    if (assetIds.length === 0) return [];
    const params: unknown[] = [[...assetIds], startUs, endUs, cutoffUs];
    const tenant = scopeCondition(scope, 'e.tenant_id', params);
    const cols = `e.asset_id, e.kind, e.state, e.seq, ${timestamptzToUs('e.observed_at')} as at_us, ${timestamptzToUs('e.received_at')} as received_us`;
    const rows = await this.db.query<EventRow>(
      `select * from (
         select ${cols} from state_events e
         where e.asset_id = any($1::text[]) and e.observed_at >= ${usToTimestamptz('$2')} and e.observed_at < ${usToTimestamptz('$3')}
           and e.received_at <= ${usToTimestamptz('$4')} and ${tenant}
         union all
         select c.* from unnest($1::text[]) as a(id) cross join lateral (
           select ${cols} from state_events e
           where e.asset_id = a.id and e.observed_at < ${usToTimestamptz('$2')} and e.received_at <= ${usToTimestamptz('$4')} and ${tenant}
           order by e.observed_at desc limit ${CARRY_IN_EVENTS}) c
       ) x order by asset_id, at_us, kind`,
      params as string[],
    );
    return rows.map((r) => {
      const atUs = Number(r.at_us);
      return {
        assetId: r.asset_id,
        source: TELEMETRY_SOURCE,
        eventId: `${r.kind}@${atUs}`,
        observedAtUs: atUs,
        receivedAtUs: Number(r.received_us),
        kind: r.kind === 'HEARTBEAT' ? 'HEARTBEAT' : 'STATE',
        state: r.state,
        seq: r.seq === null ? null : Number(r.seq),
      } satisfies BillingEvent;
    });
  }
}
