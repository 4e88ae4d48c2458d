import Decimal from 'decimal.js';
import { minorUnitDigits, type RatedInterval } from '@hourglass/billing-uptime';
import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { microsToIso, timestamptzToUs, usToTimestamptz } from './billing-time';
import type {
  BillingAdjustment,
  BillingRun,
  BillingRunStatus,
  StoredInterval,
} from './billing-run';

const INTERVAL_BATCH = 5_000;
/** An ingest transaction may commit after a run read with received_at (its start) before the run's cutoff. */
const RECEIVED_MARGIN_SECONDS = 60;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const iso = (v: unknown) => new Date(v as Date).toISOString();
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));

function toRun(r: Record<string, unknown>): BillingRun {
  return {
    contractId: String(r['contract_id']),
    tenantId: String(r['tenant_id']),
    period: String(r['period']),
    revision: Number(r['revision']),
    inputKey: String(r['input_key']),
    status: r['status'] as BillingRunStatus,
    periodStart: iso(r['period_start']),
    periodEnd: iso(r['period_end']),
    algorithm: String(r['algorithm']),
    figures: json(r['figures']),
    lines: json(r['lines']),
    total: new Decimal(String(r['total_text'])).toFixed(minorUnitDigits(String(r['currency']))),
    currency: String(r['currency']),
    billableHours: new Decimal(String(r['hours_text'])).toFixed(),
    review: json(r['review']),
    adjustment: r['adjustment'] === null ? null : json(r['adjustment']),
    inputs: json(r['inputs']),
    changes: (r['changes'] as string | null) ?? null,
    cutoffAt: iso(r['cutoff_at']),
    computedAt: iso(r['computed_at']),
    finalizedAt: isoOrNull(r['finalized_at']),
  };
}

const COLUMNS = `r.*, r.total::text as total_text, r.billable_hours::text as hours_text`;

/** Billing runs and their interval tables. Revisions are append-only; only a draft's status changes. */
export class BillingRunRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Serialises writers of one contract period until the transaction ends. */
  async lock(tx: SqlExecutor, contractId: string, period: string): Promise<void> {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [
      `billing:${contractId}:${period}`,
    ]);
  }

  async latest(
    scope: Scope,
    contractId: string,
    period: string,
    tx: SqlExecutor = this.db,
  ): Promise<BillingRun | null> {
    const params: unknown[] = [contractId, period];
    const rows = await tx.query<Record<string, unknown>>(
      `select ${COLUMNS} from billing_runs r where contract_id = $1 and period = $2 and ${scopeCondition(scope, 'tenant_id', params)}
       order by revision desc limit 1`,
      params as string[],
    );
    return rows[0] ? toRun(rows[0]) : null;
  }

  /** The revision issued last (the one a new revision's difference is measured against). */
  async latestFinalized(
    tx: SqlExecutor,
    contractId: string,
    period: string,
  ): Promise<BillingRun | null> {
    const rows = await tx.query<Record<string, unknown>>(
      `select ${COLUMNS} from billing_runs r where contract_id = $1 and period = $2 and status = 'FINALIZED'
       order by revision desc limit 1`,
      [contractId, period],
    );
    return rows[0] ? toRun(rows[0]) : null;
  }

  /** Every revision of a period, newest first. */
  async revisions(scope: Scope, contractId: string, period: string): Promise<BillingRun[]> {
    const params: unknown[] = [contractId, period];
    const rows = await this.db.query<Record<string, unknown>>(
      `select ${COLUMNS} from billing_runs r where contract_id = $1 and period = $2 and ${scopeCondition(scope, 'tenant_id', params)}
       order by revision desc`,
      params as string[],
    );
    return rows.map(toRun);
  }

  /** The latest revision of each period, newest period first. */
  async latestPerPeriod(scope: Scope, contractId: string, limit = 120): Promise<BillingRun[]> {
    const params: unknown[] = [contractId, limit];
    const rows = await this.db.query<Record<string, unknown>>(
      `select ${COLUMNS} from billing_runs r join (
         select period, max(revision) as revision from billing_runs
         where contract_id = $1 and ${scopeCondition(scope, 'tenant_id', params)} group by period) m
         on m.period = r.period and m.revision = r.revision
       where r.contract_id = $1 order by r.period desc limit $2`,
      params as string[],
    );
    return rows.map(toRun);
  }

  /**
   * {@link latestPerPeriod} for many contracts in one statement: per contract, the latest revision
   * of each of its last `limit` periods, newest first (contracts without runs map to `[]`).
   */
  async latestPerPeriodOfContracts(
    scope: Scope,
    contractIds: readonly string[],
    limit = 120,
  ): Promise<Map<string, BillingRun[]>> {
    const runs = new Map<string, BillingRun[]>(contractIds.map((id) => [id, []]));
    if (contractIds.length === 0) return runs;
    const params: unknown[] = [[...contractIds], limit];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from (
         select ${COLUMNS}, row_number() over (partition by r.contract_id order by r.period desc) as nth
         from billing_runs r join (
           select contract_id, period, max(revision) as revision from billing_runs
           where contract_id = any($1::text[]) and ${scopeCondition(scope, 'tenant_id', params)}
           group by contract_id, period) m
           on m.contract_id = r.contract_id and m.period = r.period and m.revision = r.revision
       ) x where nth <= $2 order by contract_id, period desc`,
      params as string[],
    );
    for (const r of rows) runs.get(String(r['contract_id']))?.push(toRun(r));
    return runs;
  }

  /** Prior-period adjustments of issued revisions that go onto the record of `targetPeriod`. */
  async adjustmentsFor(
    tx: SqlExecutor,
    contractId: string,
    targetPeriod: string,
  ): Promise<Array<{ period: string; revision: number; adjustment: BillingAdjustment }>> {
    const rows = await tx.query<{ period: string; revision: number; adjustment: unknown }>(
      `select period, revision, adjustment from billing_runs
       where contract_id = $1 and status = 'FINALIZED' and adjustment->>'kind' = 'PRIOR_PERIOD_ADJUSTMENT'
         and adjustment->>'targetPeriod' = $2 order by period, revision`,
      [contractId, targetPeriod],
    );
    return rows.map((r) => ({
      period: r.period,
      revision: Number(r.revision),
      adjustment: json<BillingAdjustment>(r.adjustment),
    }));
  }

  /**
   * Whether anything a run of `period` may depend on arrived after `since` (a stored run): events of
   * the assets observed from `fromUs` (a week before the period, for the carry-in) to the period end
   * and received after the run's cutoff, contract changes (audited), or newly registered assets. A
   * cheap check so that a billing round does not re-read a month that has not changed.
   */
  async changedSince(
    contractId: string,
    assetIds: readonly string[],
    fromUs: number,
    toUs: number,
    since: BillingRun,
    /** When the newest of `assetIds` was registered (epoch micros; the registry knows): newer than the run is a change. */
    newestRegisteredUs: number | null = null,
  ): Promise<boolean> {
    const [row] = await this.db.query<{ changed: boolean }>(
      `select exists(select 1 from state_events where asset_id = any($2::text[])
                       and observed_at >= ${usToTimestamptz('$3')} and observed_at < ${usToTimestamptz('$4')}
                       and received_at > $5::timestamptz - interval '${RECEIVED_MARGIN_SECONDS} seconds')
           or exists(select 1 from billing_corrections where asset_id = any($2::text[])
                       and received_at > $5::timestamptz - interval '${RECEIVED_MARGIN_SECONDS} seconds')
           or exists(select 1 from contract_audit where contract_id = $1 and at > r.computed_at)
           or coalesce($9::bigint > (extract(epoch from r.computed_at) * 1000000)::bigint, false) as changed
       from (select coalesce((select computed_at from billing_runs where contract_id = $1 and period = $6 and revision = $7), $8::timestamptz) as computed_at) r`,
      // The stored computed_at, not since.computedAt: a JS Date drops its microseconds, and the run's own audit entry (same transaction) would count as a change.
      [
        contractId,
        [...assetIds],
        fromUs,
        toUs,
        since.cutoffAt,
        since.period,
        since.revision,
        since.computedAt,
        newestRegisteredUs,
      ],
    );
    return row?.changed === true;
  }

  /** The last period of a contract issued (finalised or closed late) that ends after `us`, if any: a change at `us` would fall inside it. */
  async issuedEndingAfter(tx: SqlExecutor, contractId: string, us: number): Promise<string | null> {
    const rows = await tx.query<{ period: string }>(
      `select period from billing_runs where contract_id = $1 and status in ('FINALIZED', 'CLOSED_LATE')
         and period_end > ${usToTimestamptz('$2')} order by period desc limit 1`,
      [contractId, us],
    );
    return rows[0]?.period ?? null;
  }

  /** The first period of a contract issued (finalised or closed late) that starts at or after `fromUs`, if any. */
  async issuedFrom(tx: SqlExecutor, contractId: string, fromUs: number): Promise<string | null> {
    const rows = await tx.query<{ period: string }>(
      `select period from billing_runs where contract_id = $1 and status in ('FINALIZED', 'CLOSED_LATE')
         and period_start >= ${usToTimestamptz('$2')} order by period limit 1`,
      [contractId, fromUs],
    );
    return rows[0]?.period ?? null;
  }

  /** Supersedes the drafts of periods starting at or after `fromUs` (a terminated contract bills none) and drops their interval tables. */
  async supersedeDraftsFrom(tx: SqlExecutor, contractId: string, fromUs: number): Promise<void> {
    await tx.query(
      `update billing_runs set status = 'SUPERSEDED' where contract_id = $1 and status = 'DRAFT' and period_start >= ${usToTimestamptz('$2')}`,
      [contractId, fromUs],
    );
    await tx.query(
      `delete from billing_run_intervals i using billing_runs r
       where r.contract_id = $1 and r.status = 'SUPERSEDED' and r.period_start >= ${usToTimestamptz('$2')}
         and i.contract_id = r.contract_id and i.period = r.period and i.revision = r.revision`,
      [contractId, fromUs],
    );
  }

  /** Writes a revision and its interval table (call inside a transaction). */
  async insert(
    tx: SqlExecutor,
    run: BillingRun,
    intervals: readonly RatedInterval[],
    versions: readonly number[],
  ): Promise<BillingRun> {
    // computed_at is the database's clock, like the audit's and received_at: what `changedSince` compares it with.
    const [{ computed_at }] = await tx.query<{ computed_at: Date }>(
      `insert into billing_runs (contract_id, tenant_id, period, revision, input_key, status, period_start, period_end, algorithm,
          figures, lines, total, currency, billable_hours, review, adjustment, inputs, changes, cutoff_at, finalized_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14, $15::jsonb, $16::jsonb, $17::jsonb, $18, $19, $20)
       returning computed_at`,
      [
        run.contractId,
        run.tenantId,
        run.period,
        run.revision,
        run.inputKey,
        run.status,
        run.periodStart,
        run.periodEnd,
        run.algorithm,
        JSON.stringify(run.figures),
        JSON.stringify(run.lines),
        run.total,
        run.currency,
        run.billableHours,
        JSON.stringify(run.review),
        run.adjustment === null ? null : JSON.stringify(run.adjustment),
        JSON.stringify(run.inputs),
        run.changes,
        run.cutoffAt,
        run.finalizedAt,
      ],
    );
    for (let i = 0; i < intervals.length; i += INTERVAL_BATCH) {
      const batch = intervals.slice(i, i + INTERVAL_BATCH);
      await tx.query(
        `insert into billing_run_intervals (contract_id, period, revision, asset_id, start_at, end_at, category, base_state, version, cause)
         select $1, $2, $3, u.a, ${usToTimestamptz('u.s')}, ${usToTimestamptz('u.e')}, u.c, u.b, u.v, u.x
         from unnest($4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::int[], $10::text[]) as u(a, s, e, c, b, v, x)`,
        [
          run.contractId,
          run.period,
          run.revision,
          batch.map((r) => r.assetId),
          batch.map((r) => r.startUs),
          batch.map((r) => r.endUs),
          batch.map((r) => r.category),
          batch.map((r) => r.baseState),
          batch.map((r) => versions[r.version] ?? r.version),
          batch.map((r) => r.cause) as string[],
        ],
      );
    }
    return { ...run, computedAt: iso(computed_at) };
  }

  /**
   * Marks the drafts before `revision` superseded, drops their interval tables and keeps only the
   * newest `keep` superseded drafts (an open period is re-rated every few seconds).
   */
  async supersedeDrafts(
    tx: SqlExecutor,
    contractId: string,
    period: string,
    revision: number,
    keep: number,
  ): Promise<void> {
    await tx.query(
      `update billing_runs set status = 'SUPERSEDED' where contract_id = $1 and period = $2 and revision < $3 and status = 'DRAFT'`,
      [contractId, period, revision],
    );
    await tx.query(
      `delete from billing_run_intervals i using billing_runs r
       where r.contract_id = $1 and r.period = $2 and r.status = 'SUPERSEDED'
         and i.contract_id = r.contract_id and i.period = r.period and i.revision = r.revision`,
      [contractId, period],
    );
    await tx.query(
      `delete from billing_runs where contract_id = $1 and period = $2 and status = 'SUPERSEDED' and revision not in (
         select revision from billing_runs where contract_id = $1 and period = $2 and status = 'SUPERSEDED'
         order by revision desc limit $3)`,
      [contractId, period, keep],
    );
  }

  /** Issues a draft as it is (its inputs did not change). */
  async finalize(tx: SqlExecutor, run: BillingRun): Promise<void> {
    await tx.query(
      `update billing_runs set status = 'FINALIZED', finalized_at = $4, review = $5::jsonb, adjustment = $6::jsonb
       where contract_id = $1 and period = $2 and revision = $3 and status = 'DRAFT'`,
      [
        run.contractId,
        run.period,
        run.revision,
        run.finalizedAt,
        JSON.stringify(run.review),
        run.adjustment === null ? null : JSON.stringify(run.adjustment),
      ],
    );
  }

  async intervals(
    scope: Scope,
    contractId: string,
    period: string,
    revision: number,
    limit = 100_000,
  ): Promise<StoredInterval[]> {
    const params: unknown[] = [contractId, period, revision, limit];
    const rows = await this.db.query<Record<string, unknown>>(
      `select i.asset_id, i.category, i.base_state, i.version, i.cause,
              ${timestamptzToUs('i.start_at')} as start_us, ${timestamptzToUs('i.end_at')} as end_us
       from billing_run_intervals i join billing_runs r using (contract_id, period, revision)
       where i.contract_id = $1 and i.period = $2 and i.revision = $3 and ${scopeCondition(scope, 'r.tenant_id', params)}
       order by i.asset_id, i.start_at limit $4`,
      params as string[],
    );
    return rows.map((r) => {
      const startUs = Number(r['start_us']);
      const endUs = Number(r['end_us']);
      return {
        assetId: String(r['asset_id']),
        startUs,
        endUs,
        start: microsToIso(startUs),
        end: microsToIso(endUs),
        seconds: new Decimal(endUs - startUs).div(1e6).toFixed(),
        category: r['category'] as StoredInterval['category'],
        baseState: r['base_state'] as StoredInterval['baseState'],
        version: Number(r['version']),
        cause: (r['cause'] as string | null) ?? null,
      };
    });
  }
}
