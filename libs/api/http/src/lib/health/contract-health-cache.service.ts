import { ContractService, type ContractHealth, type ContractHealthService } from '@hourglass/billing-records';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { Scope } from '@hourglass/platform-tenancy';

/** Options of {@link ContractHealthCacheService}. */
export interface ContractHealthCacheOptions {
  /**
   * How long an answer may be served while no input changed. The figures "so far" move with the
   * clock alone (hours elapse, heartbeats time out), so an answer is at most this old. Default 60 s.
   */
  ttlMs: number;
  /** Contracts kept (least recently computed dropped first). Default 1,000. */
  maxEntries: number;
}

/** Defaults of {@link ContractHealthCacheOptions}. */
export const DEFAULT_CONTRACT_HEALTH_CACHE: Readonly<ContractHealthCacheOptions> = Object.freeze({ ttlMs: 60_000, maxEntries: 1_000 });

/**
 * Everything a contract's health is computed from, as one text that changes when any of it does:
 * the tenant's billing events (state, heartbeat, hour meter) and corrections as they arrive, the
 * contract's audit (versions, coverage, windows, overrides, corrections, termination are all
 * audited), its windows and overrides, its billing runs (the trend and the margin's revenue), the
 * tenant's assets, risk scores and tasks (at-risk assets, task cost), and the warning policies.
 */
const FINGERPRINT = `select concat_ws('|',
    (select max(received_at)::text from state_events where tenant_id = $2),
    (select max(received_at)::text from billing_corrections where tenant_id = $2),
    (select max(id)::text from contract_audit where contract_id = $1),
    (select count(*)::text || '@' || coalesce(max(created_at)::text, '') from calendar_windows where contract_id = $1),
    (select count(*)::text || '@' || coalesce(max(created_at)::text, '') from category_overrides where contract_id = $1),
    (select count(*)::text || '@' || coalesce(max(computed_at)::text, '') from billing_runs where contract_id = $1),
    (select count(*)::text from assets where tenant_id = $2),
    (select max(r.scored_at)::text from risk_scores r join assets a on a.id = r.asset_id where a.tenant_id = $2),
    (select count(*)::text || '@' || coalesce(max(updated_at)::text, '') from tasks where tenant_id = $2),
    (select count(*)::text || '@' || coalesce(max(updated_at)::text, '') from warning_policies)
  ) as key`;

interface Entry {
  key: string;
  computedMs: number;
  health: ContractHealth;
}

/**
 * `GET /api/contracts/{id}/health` re-rates the period and up to 20 what-if periods: this serves
 * the last answer again while its inputs are unchanged (one cheap fingerprint query) and it is
 * younger than `ttlMs`.
 */
export class ContractHealthCacheService {
  private readonly entries = new Map<string, Entry>();
  private readonly options: ContractHealthCacheOptions;

  constructor(
    private readonly db: SqlDatabase,
    private readonly contracts: ContractService,
    private readonly service: ContractHealthService,
    options: Partial<ContractHealthCacheOptions> = {},
  ) {
    this.options = { ...DEFAULT_CONTRACT_HEALTH_CACHE, ...options };
  }

  async health(scope: Scope, contractId: string, nowMs: number): Promise<ContractHealth> {
    const contract = await this.contracts.contract(scope, contractId);
    const [row] = await this.db.query<{ key: string }>(FINGERPRINT, [contract.id, contract.tenantId]);
    const key = `${contract.endsAt ?? ''}|${row?.key ?? ''}`;
    const cached = this.entries.get(contract.id);
    if (cached && cached.key === key && nowMs - cached.computedMs < this.options.ttlMs && nowMs >= cached.computedMs) return cached.health;
    const health = await this.service.health(scope, contract.id, nowMs);
    this.entries.delete(contract.id);
    this.entries.set(contract.id, { key, computedMs: nowMs, health });
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return health;
  }
}
