import type { BaseStateCode, Micros } from '@hourglass/billing-uptime';
import type { AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { timestamptzToUs, usToTimestamptz } from './billing-time';
import { TELEMETRY_SOURCE, type StoredEventKind } from './state-event.repository';

/** A CORRECTION event (spec §3.3) as stored in `billing_corrections`: it replaces the payload of the event it supersedes. */
export interface StoredCorrection {
  /** `c-<uuid>`: the correction's event id (a later correction may supersede it). */
  id: string;
  assetId: string;
  /** The superseded event: `<kind>@<observed µs>` of a telemetry event, or an earlier correction's id. */
  supersedes: string;
  /** The observed time of the superseded event (a correction replaces the payload, not the time). */
  observedAtUs: Micros;
  /** The corrected state, or null for a meter correction. */
  state: BaseStateCode | null;
  /** The corrected hour-meter reading in hours, or null for a state correction. */
  meterHours: number | null;
  reason: string;
  author: string;
  receivedAtUs: Micros;
}

/** What an event that can be corrected carries. */
export interface CorrectableEvent {
  observedAtUs: Micros;
  kind: StoredEventKind | 'CORRECTION';
  state: string | null;
  meterHours: number | null;
}

interface CorrectionRow {
  id: string;
  asset_id: string;
  supersedes: string;
  at_us: string | number;
  state: string | null;
  meter_hours: string | number | null;
  reason: string;
  author: string;
  received_us: string | number;
}

const COLUMNS = `id, asset_id, supersedes, ${timestamptzToUs('observed_at')} as at_us, state, meter_hours, reason, author,
  ${timestamptzToUs('received_at')} as received_us`;

const toCorrection = (r: CorrectionRow): StoredCorrection => ({
  id: r.id,
  assetId: r.asset_id,
  supersedes: r.supersedes,
  observedAtUs: Number(r.at_us),
  state: r.state as BaseStateCode | null,
  meterHours: r.meter_hours === null ? null : Number(r.meter_hours),
  reason: r.reason,
  author: r.author,
  receivedAtUs: Number(r.received_us),
});

/** The append-only store of corrections, and the lookups that validate a new one. */
export class BillingCorrectionRepository {
  constructor(
    private readonly db: SqlDatabase,
    /** The asset registry, which owns the assets. */
    private readonly assets: Pick<AssetRepository, 'list'>,
  ) {}

  /** The asset with its tenant, when it is in the caller's scope. */
  async asset(scope: Scope, assetId: string): Promise<{ id: string; tenantId: string } | null> {
    const [asset] = await this.assets.list(scope, assetId);
    return asset ? { id: asset.id, tenantId: asset.tenantId } : null;
  }

  /** The stored telemetry event of an asset with that kind and observed time. */
  async telemetryEvent(
    tx: SqlExecutor,
    assetId: string,
    kind: StoredEventKind,
    observedAtUs: Micros,
  ): Promise<CorrectableEvent | null> {
    const [row] = await tx.query<{ state: string | null; meter_hours: string | number | null }>(
      `select state, meter_hours from state_events where asset_id = $1 and kind = $2 and observed_at = ${usToTimestamptz('$3')}`,
      [assetId, kind, observedAtUs],
    );
    return row
      ? {
          observedAtUs,
          kind,
          state: row.state,
          meterHours: row.meter_hours === null ? null : Number(row.meter_hours),
        }
      : null;
  }

  async get(tx: SqlExecutor, assetId: string, id: string): Promise<StoredCorrection | null> {
    const [row] = await tx.query<CorrectionRow>(
      `select ${COLUMNS} from billing_corrections where asset_id = $1 and id = $2`,
      [assetId, id],
    );
    return row ? toCorrection(row) : null;
  }

  /** The correction that already supersedes `eventId`, if any. */
  async supersededBy(tx: SqlExecutor, assetId: string, eventId: string): Promise<string | null> {
    const [row] = await tx.query<{ id: string }>(
      'select id from billing_corrections where asset_id = $1 and source = $2 and supersedes = $3',
      [assetId, TELEMETRY_SOURCE, eventId],
    );
    return row?.id ?? null;
  }

  /** Stores a correction; false when its event is already superseded (one correction per event). */
  async insert(tx: SqlExecutor, tenantId: string, c: StoredCorrection): Promise<boolean> {
    const rows = await tx.query(
      `insert into billing_corrections (id, asset_id, tenant_id, source, supersedes, observed_at, state, meter_hours, reason, author, received_at)
       values ($1, $2, $3, $4, $5, ${usToTimestamptz('$6')}, $7, $8, $9, $10, ${usToTimestamptz('$11')})
       on conflict (asset_id, source, supersedes) do nothing returning id`,
      [
        c.id,
        c.assetId,
        tenantId,
        TELEMETRY_SOURCE,
        c.supersedes,
        c.observedAtUs,
        c.state,
        c.meterHours,
        c.reason,
        c.author,
        c.receivedAtUs,
      ],
    );
    return rows.length > 0;
  }

  /** An asset's corrections in the order they were received. */
  async list(scope: Scope, assetId: string): Promise<StoredCorrection[]> {
    const params: unknown[] = [assetId];
    const rows = await this.db.query<CorrectionRow>(
      `select ${COLUMNS} from billing_corrections where asset_id = $1 and ${scopeCondition(scope, 'tenant_id', params)} order by received_at, id`,
      params as string[],
    );
    return rows.map(toCorrection);
  }
}
