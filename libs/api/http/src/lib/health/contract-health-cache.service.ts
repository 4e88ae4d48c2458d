import { createHash } from 'node:crypto';
import type {
  ContractChangeQuery,
  ContractHealth,
  ContractHealthService,
  ContractService,
} from '@hourglass/billing-records';
import type { AssetRepository } from '@hourglass/devices-registry';
import type { MaintenanceChangeQuery } from '@hourglass/maintenance-tasks';
import type { Scope } from '@hourglass/platform-tenancy';
import type { RiskScoreRepository } from '@hourglass/risk-scoring';

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
export const DEFAULT_CONTRACT_HEALTH_CACHE: Readonly<ContractHealthCacheOptions> = Object.freeze({
  ttlMs: 60_000,
  maxEntries: 1_000,
});

/** The owners' change markers the cache key is composed of (each one statement). */
export interface ContractHealthChangeSources {
  /** Billing: the tenant's events and corrections, the contract's audit, windows, overrides and runs. */
  billing: Pick<ContractChangeQuery, 'lastChange'>;
  /** The registry: the tenant's assets. */
  assets: Pick<AssetRepository, 'idsOfTenant'>;
  /** Risk scoring: the newest score of those assets (at-risk assets). */
  scores: Pick<RiskScoreRepository, 'lastScoredAt'>;
  /** Maintenance: those assets' tasks (task cost) and the warning policies (thresholds). */
  maintenance: Pick<MaintenanceChangeQuery, 'lastChange'>;
}

/** What {@link ContractHealthCacheService} is built from. */
export interface ContractHealthCacheDependencies {
  contracts: ContractService;
  service: ContractHealthService;
  changes: ContractHealthChangeSources;
}

interface Entry {
  key: string;
  computedMs: number;
  health: ContractHealth;
}

/**
 * `GET /api/contracts/{id}/health` re-rates the period and up to 20 what-if periods: this serves
 * the last answer again while its inputs are unchanged and it is younger than `ttlMs`. The inputs'
 * fingerprint asks each owner for its change marker (one cheap statement each: billing, then the
 * tenant's assets, then their scores and tasks at once) and hashes the answers together.
 */
export class ContractHealthCacheService {
  private readonly entries = new Map<string, Entry>();
  private readonly options: ContractHealthCacheOptions;

  private readonly contracts: ContractService;
  private readonly service: ContractHealthService;
  private readonly changes: ContractHealthChangeSources;

  constructor(
    deps: ContractHealthCacheDependencies,
    options: Partial<ContractHealthCacheOptions> = {},
  ) {
    ({ contracts: this.contracts, service: this.service, changes: this.changes } = deps);
    this.options = { ...DEFAULT_CONTRACT_HEALTH_CACHE, ...options };
  }

  async health(scope: Scope, contractId: string, nowMs: number): Promise<ContractHealth> {
    const contract = await this.contracts.contract(scope, contractId);
    const key = await this.fingerprint(contract.id, contract.tenantId, contract.endsAt ?? '');
    const cached = this.entries.get(contract.id);
    if (
      cached &&
      cached.key === key &&
      nowMs - cached.computedMs < this.options.ttlMs &&
      nowMs >= cached.computedMs
    )
      return cached.health;
    const health = await this.service.health(scope, contract.id, nowMs);
    this.entries.delete(contract.id);
    this.entries.set(contract.id, { key, computedMs: nowMs, health });
    if (this.entries.size > this.options.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string);
    return health;
  }

  /** Everything the health is computed from, as a digest that changes when any of it does. */
  private async fingerprint(contractId: string, tenantId: string, endsAt: string): Promise<string> {
    const [billing, assetIds] = await Promise.all([
      this.changes.billing.lastChange(contractId, tenantId),
      this.changes.assets.idsOfTenant(tenantId),
    ]);
    const [scored, maintenance] = await Promise.all([
      this.changes.scores.lastScoredAt(assetIds),
      this.changes.maintenance.lastChange(assetIds),
    ]);
    const parts = [endsAt, billing, assetIds.join(','), scored ?? '', maintenance];
    return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
  }
}
