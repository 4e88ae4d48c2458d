import type { FailureOutcome, PartUsed } from '@hourglass/maintenance-tasks';
import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import { assignedCondition, scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import type { AnonymisedCase, CaseSuggestion, MetricMove, ServiceCase } from './case.types';
import type { SuggestionOutcome } from './remote-diagnosis';

/** What `GET /api/cases` filters on; `q` is a case-insensitive substring of the note or a code. */
export interface CaseFilter {
  assetType?: string;
  component?: string;
  /** Matches the reported code or any level of its path (problem, cause, remedy). */
  failureCode?: string;
  q?: string;
}

/** A case as the scope sees it: whole for the provider and a tenant, anonymised for a partner. */
export type ScopedCase = ServiceCase | AnonymisedCase;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const toCase = (r: Record<string, unknown>): ServiceCase => ({
  caseId: String(r.id),
  orderId: String(r.order_id),
  tenantId: String(r.tenant_id),
  assetId: String(r.asset_id),
  assetType: String(r.asset_type),
  component: String(r.component),
  failureCode: String(r.failure_code),
  problem: String(r.problem),
  cause: (r.cause as string | null) ?? null,
  remedy: (r.remedy as string | null) ?? null,
  outcome: r.outcome as FailureOutcome,
  parts: json<PartUsed[]>(r.parts),
  labourHours: Number(r.labour_hours),
  notes: (r.notes as string | null) ?? null,
  pattern: json<MetricMove[]>(r.pattern),
  raisedAt: new Date(r.raised_at as string).toISOString(),
  completedAt: new Date(r.completed_at as string).toISOString(),
});

/** A case without whose order, tenant and asset it was. */
export function anonymise(c: ServiceCase): AnonymisedCase {
  const { orderId: _order, tenantId: _tenant, assetId: _asset, ...rest } = c;
  return rest;
}

/**
 * Which cases a scope reads: the provider all, a customer its tenant's, a partner every tenant's
 * (anonymised by {@link CaseRepository.list}: the library is the network's shared knowledge).
 */
function caseCondition(scope: Scope, params: unknown[]): string {
  return scope.kind === 'partner' ? 'true' : scopeCondition(scope, 'tenant_id', params);
}

/** The case library and the suggestions stored with orders (migration 51). */
export class CaseRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Stores the case of a completed order, replacing the one of an earlier completion. */
  async put(c: Omit<ServiceCase, 'caseId'>): Promise<ServiceCase> {
    const rows = await this.db.query<Record<string, unknown>>(
      `insert into service_cases (order_id, tenant_id, asset_id, asset_type, component, failure_code,
         problem, cause, remedy, outcome, parts, labour_hours, notes, pattern, raised_at, completed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14::jsonb, $15, $16)
       on conflict (order_id) do update set failure_code = excluded.failure_code,
         problem = excluded.problem, cause = excluded.cause, remedy = excluded.remedy,
         outcome = excluded.outcome, parts = excluded.parts, labour_hours = excluded.labour_hours,
         notes = excluded.notes, pattern = excluded.pattern, completed_at = excluded.completed_at
       returning *`,
      [
        c.orderId,
        c.tenantId,
        c.assetId,
        c.assetType,
        c.component,
        c.failureCode,
        c.problem,
        c.cause,
        c.remedy,
        c.outcome,
        JSON.stringify(c.parts),
        c.labourHours,
        c.notes,
        JSON.stringify(c.pattern),
        c.raisedAt,
        c.completedAt,
      ] as SqlValue[],
    );
    return toCase(rows[0]);
  }

  /**
   * A page of the cases the scope reads, newest first (keyset on the case id): at most `limit`
   * after the case id `after`; a partner gets them anonymised.
   */
  async list(
    scope: Scope,
    filter: CaseFilter,
    page: { limit: number; after?: number },
  ): Promise<ScopedCase[]> {
    const params: unknown[] = [
      filter.assetType ?? null,
      filter.component ?? null,
      filter.failureCode ?? null,
      filter.q?.toLowerCase() ?? null,
      page.after ?? null,
      page.limit,
    ];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from service_cases
       where ${caseCondition(scope, params)}
         and ($1::text is null or asset_type = $1) and ($2::text is null or component = $2)
         and ($3::text is null or $3 in (failure_code, problem, cause, remedy))
         and ($4::text is null or position($4 in lower(concat_ws(' ', notes, failure_code, problem, cause, remedy))) > 0)
         and ($5::bigint is null or id < $5::bigint)
       order by id desc limit $6::int`,
      params as SqlValue[],
    );
    const cases = rows.map(toCase);
    return scope.kind === 'partner' ? cases.map(anonymise) : cases;
  }

  /** The newest `limit` cases of an asset type and component, any tenant (what suggestions rank). */
  async ofKind(assetType: string, component: string, limit: number): Promise<ServiceCase[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from service_cases where asset_type = $1 and component = $2 order by id desc limit $3::int`,
      [assetType, component, limit],
    );
    return rows.map(toCase);
  }

  /** Stores the suggestion made for an order, replacing an earlier one. */
  async putSuggestion(tenantId: string, s: CaseSuggestion): Promise<void> {
    await this.db.query(
      `insert into service_case_suggestions (order_id, tenant_id, suggestion, computed_at)
       values ($1, $2, $3::jsonb, $4)
       on conflict (order_id) do update set suggestion = excluded.suggestion, computed_at = excluded.computed_at`,
      [s.orderId, tenantId, JSON.stringify(s), s.computedAt],
    );
  }

  /** The suggestion stored with an order (the caller checked the scope sees the order), or null. */
  async suggestion(orderId: string): Promise<CaseSuggestion | null> {
    const rows = await this.db.query<{ suggestion: unknown }>(
      'select suggestion from service_case_suggestions where order_id = $1',
      [orderId],
    );
    return rows[0] ? json<CaseSuggestion>(rows[0].suggestion) : null;
  }

  /**
   * The completed orders the scope sees that had a suggestion stored before their completion
   * (a suggestion made after the report is no prediction): its top problem and cause, and the reported ones.
   */
  async suggestionOutcomes(scope: Scope): Promise<SuggestionOutcome[]> {
    const params: unknown[] = [];
    const rows = await this.db.query<{
      suggestion: unknown;
      problem: string;
      cause: string | null;
    }>(
      `select s.suggestion, c.problem, c.cause from service_cases c
       join service_case_suggestions s on s.order_id = c.order_id and s.computed_at <= c.completed_at
       where ${assignedCondition(scope, { tenant: 'c.tenant_id', order: 'c.order_id' }, params)}
       order by c.id`,
      params as SqlValue[],
    );
    return rows.map((r) => {
      const s = json<CaseSuggestion>(r.suggestion);
      return {
        suggestedProblem: s.problems[0]?.code ?? null,
        suggestedCause: s.causes[0]?.code ?? null,
        reportedProblem: r.problem,
        reportedCause: r.cause,
      };
    });
  }
}
