import type {
  CalendarWindow,
  Category,
  CategoryOverride,
  WindowKind,
} from '@hourglass/billing-uptime';
import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { timestamptzToUs, usToTimestamptz } from './billing-time';

/** A stored calendar window with who recorded it. */
export interface StoredCalendarWindow extends CalendarWindow {
  contractId: string;
  createdBy: string;
}

/** A stored override. */
export interface StoredCategoryOverride extends CategoryOverride {
  contractId: string;
}

const n = (x: unknown) => Number(x);
const nOrNull = (x: unknown) => (x === null || x === undefined ? null : Number(x));

/** Which of a contract's calendar entries to read. */
export interface CalendarReadOptions {
  /** Include withdrawn entries (default false: rating and the API lists see only those in force). */
  includeWithdrawn?: boolean;
}

/**
 * Approved calendar windows and category overrides of contracts (append-only; both are audited by
 * the caller). Withdrawing marks an entry instead of deleting it: finalised runs name it among their inputs.
 */
export class ContractCalendarRepository {
  constructor(private readonly db: SqlDatabase) {}

  async windows(
    scope: Scope,
    contractId: string,
    options: CalendarReadOptions = {},
  ): Promise<StoredCalendarWindow[]> {
    const params: unknown[] = [contractId];
    const current = options.includeWithdrawn ? '' : 'and withdrawn_at is null';
    const rows = await this.db.query<Record<string, unknown>>(
      `select id, contract_id, asset_id, kind, approved_by, created_by,
              ${timestamptzToUs('start_at')} as start_us, ${timestamptzToUs('end_at')} as end_us,
              ${timestamptzToUs('actual_end_at')} as actual_end_us, ${timestamptzToUs('announced_at')} as announced_us,
              ${timestamptzToUs('approved_at')} as approved_us
       from calendar_windows where contract_id = $1 ${current} and ${scopeCondition(scope, 'tenant_id', params)} order by id`,
      params as string[],
    );
    return rows.map((r) => ({
      id: String(r['id']),
      contractId: String(r['contract_id']),
      assetId: (r['asset_id'] as string | null) ?? null,
      kind: r['kind'] as WindowKind,
      startUs: n(r['start_us']),
      endUs: n(r['end_us']),
      actualEndUs: nOrNull(r['actual_end_us']),
      announcedAtUs: n(r['announced_us']),
      approvedBy: String(r['approved_by']),
      approvedAtUs: n(r['approved_us']),
      createdBy: String(r['created_by']),
    }));
  }

  async addWindow(tx: SqlExecutor, tenantId: string, w: StoredCalendarWindow): Promise<void> {
    await tx.query(
      `insert into calendar_windows (id, contract_id, tenant_id, asset_id, kind, start_at, end_at, actual_end_at,
          announced_at, approved_by, approved_at, created_by)
       values ($1, $2, $3, $4, $5, ${usToTimestamptz('$6')}, ${usToTimestamptz('$7')},
          case when $8::bigint is null then null else ${usToTimestamptz('$8')} end,
          ${usToTimestamptz('$9')}, $10, ${usToTimestamptz('$11')}, $12)`,
      [
        w.id,
        w.contractId,
        tenantId,
        w.assetId,
        w.kind,
        w.startUs,
        w.endUs,
        w.actualEndUs ?? null,
        w.announcedAtUs,
        w.approvedBy,
        w.approvedAtUs,
        w.createdBy,
      ],
    );
  }

  async overrides(
    scope: Scope,
    contractId: string,
    options: CalendarReadOptions = {},
  ): Promise<StoredCategoryOverride[]> {
    const params: unknown[] = [contractId];
    const current = options.includeWithdrawn ? '' : 'and withdrawn_at is null';
    const rows = await this.db.query<Record<string, unknown>>(
      `select id, contract_id, asset_id, category, reason, author,
              ${timestamptzToUs('start_at')} as start_us, ${timestamptzToUs('end_at')} as end_us
       from category_overrides where contract_id = $1 ${current} and ${scopeCondition(scope, 'tenant_id', params)} order by id`,
      params as string[],
    );
    return rows.map((r) => ({
      id: String(r['id']),
      contractId: String(r['contract_id']),
      assetId: String(r['asset_id']),
      startUs: n(r['start_us']),
      endUs: n(r['end_us']),
      category: r['category'] as Category,
      reason: String(r['reason']),
      author: String(r['author']),
    }));
  }

  async addOverride(tx: SqlExecutor, tenantId: string, o: StoredCategoryOverride): Promise<void> {
    await tx.query(
      `insert into category_overrides (id, contract_id, tenant_id, asset_id, start_at, end_at, category, reason, author)
       values ($1, $2, $3, $4, ${usToTimestamptz('$5')}, ${usToTimestamptz('$6')}, $7, $8, $9)`,
      [o.id, o.contractId, tenantId, o.assetId, o.startUs, o.endUs, o.category, o.reason, o.author],
    );
  }

  /**
   * Records who approved a window in force and when (call inside a transaction, with the audit entry).
   * False when the contract has no such window in force in `tenantId`.
   */
  async approveWindow(
    tx: SqlExecutor,
    tenantId: string,
    contractId: string,
    windowId: string,
    approval: { by: string; at: string },
  ): Promise<boolean> {
    const rows = await tx.query<{ id: string }>(
      `update calendar_windows set approved_by = $3, approved_at = $4
       where contract_id = $1 and id = $2 and tenant_id = $5 and withdrawn_at is null returning id`,
      [contractId, windowId, approval.by, approval.at, tenantId],
    );
    return rows.length > 0;
  }

  /**
   * Marks a window or override of a contract withdrawn by `actor` (call inside a transaction).
   * Returns `'withdrawn'`, `'already'` when it was withdrawn before, or `'missing'` when the contract has no such entry.
   */
  async withdraw(
    tx: SqlExecutor,
    table: CalendarTable,
    contractId: string,
    id: string,
    actor: string,
  ): Promise<'withdrawn' | 'already' | 'missing'> {
    const rows = await tx.query<{ withdrawn: boolean }>(
      `select withdrawn_at is not null as withdrawn from ${TABLES[table]} where id = $1 and contract_id = $2 for update`,
      [id, contractId],
    );
    if (rows.length === 0) return 'missing';
    if (rows[0].withdrawn) return 'already';
    await tx.query(
      `update ${TABLES[table]} set withdrawn_at = now(), withdrawn_by = $3 where id = $1 and contract_id = $2`,
      [id, contractId, actor],
    );
    return 'withdrawn';
  }
}

/** The calendar entries that can be withdrawn. */
export type CalendarTable = 'windows' | 'overrides';

const TABLES: Record<CalendarTable, string> = {
  windows: 'calendar_windows',
  overrides: 'category_overrides',
};
