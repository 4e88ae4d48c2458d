import type { AssetService } from '@hourglass/billing-uptime';
import { AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import { ensureTenant, type Scope, scopeCondition } from '@hourglass/platform-tenancy';
import { microsToIso, timestamptzToUs, usToTimestamptz } from './billing-time';

/** An uptime contract's header; its terms live in effective-dated versions. */
export interface Contract {
  id: string;
  tenantId: string;
  name: string;
  currency: string;
  ratePerHour: string;
  slaTarget: string;
  tz: string;
  heartbeatTimeoutSeconds: number;
  /** A fleet contract covers every asset of its tenant, present and future. */
  fleet: boolean;
  /** The assets covered now or from a later date (coverage not ended); every tenant asset for a fleet contract. */
  assetIds: string[];
  /** The effective-dated coverage of a non-fleet contract, by asset then start; empty for a fleet contract. */
  coverage: CoverageInterval[];
  createdAt: string;
  /** `TERMINATED` once an end was recorded (its `endsAt` may still be ahead). */
  status: ContractStatus;
  /** ISO instant the contract ends (the end of its last version), null while it runs on. */
  endsAt: string | null;
}

/** Whether a contract runs on or has an end date. */
export type ContractStatus = 'ACTIVE' | 'TERMINATED';

/** The header fields a new contract is created with. */
export type ContractHeader = Omit<
  Contract,
  'assetIds' | 'coverage' | 'createdAt' | 'status' | 'endsAt'
>;

/** A contract covers an asset over `[from, to)` (ISO instants; `to` null: open-ended). */
export interface CoverageInterval {
  assetId: string;
  from: string;
  to: string | null;
}

/** A coverage interval in micros (`endUs` null: open-ended). */
export interface CoverageWindow {
  startUs: number;
  endUs: number | null;
}

/** An asset a contract covers, with its type (for warning policies) and service dates. */
export interface CoveredAsset extends AssetService {
  type: string;
  /** When the contract covers it (null: a fleet contract, always while the asset exists). */
  coverage: CoverageWindow[] | null;
}

interface ContractRow {
  id: string;
  tenant_id: string;
  name: string;
  currency: string;
  rate_per_hour: string;
  sla_target: string;
  tz: string;
  heartbeat_timeout_seconds: number;
  fleet: boolean;
  asset_ids: string[] | null;
  coverage: CoverageJson[] | string | null;
  created_at: Date;
  ends_us: string | number | null;
}

interface CoverageJson {
  asset_id: string;
  from_us: number | string;
  to_us: number | string | null;
}

const parseJson = <T>(v: T[] | string | null): T[] =>
  v === null ? [] : typeof v === 'string' ? (JSON.parse(v) as T[]) : v;
const toWindow = (c: CoverageJson): CoverageWindow => ({
  startUs: Number(c.from_us),
  endUs: c.to_us === null ? null : Number(c.to_us),
});

const toContract = (r: ContractRow): Contract => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  currency: r.currency,
  ratePerHour: String(r.rate_per_hour),
  slaTarget: String(r.sla_target),
  tz: r.tz,
  heartbeatTimeoutSeconds: Number(r.heartbeat_timeout_seconds),
  fleet: r.fleet,
  assetIds: r.asset_ids ?? [],
  coverage: parseJson(r.coverage).map((c) => {
    const w = toWindow(c);
    return {
      assetId: c.asset_id,
      from: microsToIso(w.startUs),
      to: w.endUs === null ? null : microsToIso(w.endUs),
    };
  }),
  createdAt: new Date(r.created_at).toISOString(),
  status: r.ends_us === null ? 'ACTIVE' : 'TERMINATED',
  endsAt: r.ends_us === null ? null : microsToIso(Number(r.ends_us)),
});

// A contract ends where its last version ends: only termination closes the last version.
const ENDS_US = `(select case when count(*) > 0 and bool_and(v.effective_to is not null) then ${timestamptzToUs('max(v.effective_to)')} end
  from contract_versions v where v.contract_id = c.id)`;

const COVERAGE_JSON = `json_build_object('asset_id', ca.asset_id, 'from_us', ${timestamptzToUs('ca.covered_from')}, 'to_us', ${timestamptzToUs('ca.covered_to')})`;

/** Contract headers and the assets they cover. */
export class ContractRepository {
  constructor(
    private readonly db: SqlDatabase,
    /** The asset registry (devices), owner of the assets a contract covers. */
    private readonly assets: AssetRepository = new AssetRepository(db),
  ) {}

  /** Creates the header when missing (and its tenant); returns whether it was created. */
  async upsert(c: ContractHeader, tx: SqlExecutor = this.db): Promise<boolean> {
    await ensureTenant(tx, c.tenantId);
    const rows = await tx.query(
      `insert into contracts (id, tenant_id, name, currency, rate_per_hour, sla_target, tz, heartbeat_timeout_seconds, fleet)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (id) do nothing returning id`,
      [
        c.id,
        c.tenantId,
        c.name,
        c.currency,
        c.ratePerHour,
        c.slaTarget,
        c.tz,
        c.heartbeatTimeoutSeconds,
        c.fleet,
      ],
    );
    return rows.length > 0;
  }

  /** Covers assets of the contract's tenant from `fromUs` on (a new contract); returns the ids that are not such assets. */
  async addAssets(
    tx: SqlExecutor,
    contractId: string,
    tenantId: string,
    assetIds: readonly string[],
    fromUs: number,
  ): Promise<string[]> {
    if (assetIds.length === 0) return [];
    const ofTenant = (await this.assets.ofTenant(tenantId, assetIds, tx)).map((a) => a.id);
    await tx.query(
      `insert into contract_assets (contract_id, asset_id, covered_from)
       select $1, u.id, ${usToTimestamptz('$3')} from unnest($2::text[]) as u(id) on conflict do nothing`,
      [contractId, ofTenant, fromUs],
    );
    const known = await tx.query<{ id: string }>(
      'select asset_id as id from contract_assets where contract_id = $1',
      [contractId],
    );
    const ok = new Set(known.map((r) => r.id));
    return assetIds.filter((id) => !ok.has(id));
  }

  /** Contracts in id order; with `page`, at most `page.limit` of them after the id `page.after` (keyset pagination). */
  async list(scope: Scope, page?: { limit: number; after?: string }): Promise<Contract[]> {
    if (!page) return this.select(scope, 'true', []);
    return this.select(scope, '($1::text is null or c.id > $1)', [page.after ?? null], page.limit);
  }

  async get(scope: Scope, id: string): Promise<Contract | null> {
    return (await this.select(scope, 'c.id = $1', [id]))[0] ?? null;
  }

  /**
   * The assets the contract covers or covered, in id order, commissioned when created in the registry
   * (`assets.created_at`), with their coverage intervals (null for a fleet contract).
   */
  async coveredAssets(scope: Scope, contractId: string): Promise<CoveredAsset[]> {
    const params: unknown[] = [contractId];
    const [contract] = await this.db.query<{
      tenant_id: string;
      fleet: boolean;
      coverage: CoverageJson[] | string | null;
    }>(
      `select c.tenant_id, c.fleet,
         (select json_agg(${COVERAGE_JSON} order by ca.asset_id, ca.covered_from) from contract_assets ca where ca.contract_id = c.id) as coverage
       from contracts c where c.id = $1 and ${scopeCondition(scope, 'c.tenant_id', params)}`,
      params as string[],
    );
    if (!contract) return [];
    const coverage = new Map<string, CoverageWindow[]>();
    for (const c of parseJson(contract.coverage))
      coverage.set(c.asset_id, [...(coverage.get(c.asset_id) ?? []), toWindow(c)]);
    // A fleet contract covers every asset of its tenant; the others the assets they list.
    const assets = contract.fleet
      ? await this.assets.ofTenant(contract.tenant_id)
      : await this.assets.byIds([...coverage.keys()]);
    return assets.map((a) => ({
      assetId: a.id,
      type: a.type,
      commissionedAtUs: a.registeredAtUs,
      terminatedAtUs: null,
      coverage: contract.fleet
        ? null
        : (coverage.get(a.id) ?? []).sort((x, y) => x.startUs - y.startUs),
    }));
  }

  /** The coverage intervals of one asset on a contract, by start (lock the contract row first to serialise changes). */
  async assetCoverage(
    tx: SqlExecutor,
    contractId: string,
    assetId: string,
  ): Promise<CoverageWindow[]> {
    const rows = await tx.query<CoverageJson>(
      `select ca.asset_id, ${timestamptzToUs('ca.covered_from')} as from_us, ${timestamptzToUs('ca.covered_to')} as to_us
       from contract_assets ca where ca.contract_id = $1 and ca.asset_id = $2 order by ca.covered_from`,
      [contractId, assetId],
    );
    return rows.map(toWindow);
  }

  /** Covers an asset from `fromUs` on, open-ended (the caller checked overlaps). */
  async cover(tx: SqlExecutor, contractId: string, assetId: string, fromUs: number): Promise<void> {
    await tx.query(
      `insert into contract_assets (contract_id, asset_id, covered_from) values ($1, $2, ${usToTimestamptz('$3')})`,
      [contractId, assetId, fromUs],
    );
  }

  /** Ends the coverage interval of an asset that starts at `fromUs` at `toUs`. */
  async uncover(
    tx: SqlExecutor,
    contractId: string,
    assetId: string,
    fromUs: number,
    toUs: number,
  ): Promise<void> {
    await tx.query(
      `update contract_assets set covered_to = ${usToTimestamptz('$4')} where contract_id = $1 and asset_id = $2 and covered_from = ${usToTimestamptz('$3')}`,
      [contractId, assetId, fromUs, toUs],
    );
  }

  /** The contracts (with their tenant) that cover an asset: its corrections are audited on each. */
  async covering(
    tx: SqlExecutor,
    assetId: string,
  ): Promise<Array<{ id: string; tenantId: string }>> {
    const [asset] = await this.assets.byIds([assetId], tx);
    if (!asset) return [];
    const rows = await tx.query<{ id: string; tenant_id: string }>(
      `select c.id, c.tenant_id from contracts c
       where c.tenant_id = $2 and (c.fleet or c.id in (select contract_id from contract_assets where asset_id = $1)) order by c.id`,
      [assetId, asset.tenantId],
    );
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id }));
  }

  private async select(
    scope: Scope,
    where: string,
    params: unknown[],
    limit?: number,
  ): Promise<Contract[]> {
    const limited = limit === undefined ? '' : ` limit ${Math.max(0, Math.trunc(limit))}`;
    const rows = await this.db.query<ContractRow>(
      `select c.*, ${ENDS_US} as ends_us,
         (select json_agg(${COVERAGE_JSON} order by ca.asset_id, ca.covered_from) from contract_assets ca where ca.contract_id = c.id) as coverage
       from contracts c where ${where} and ${scopeCondition(scope, 'c.tenant_id', params)} order by c.id${limited}`,
      params as string[],
    );
    // `assetIds`: every asset of the tenant for a fleet contract (one registry read for all their
    // tenants: one read per tenant queued a whole book's reads on the pool), else the assets whose
    // coverage has not ended.
    const fleetTenants = [...new Set(rows.filter((r) => r.fleet).map((r) => r.tenant_id))];
    const fleetAssets = await this.assets.idsOfTenants(fleetTenants);
    const nowUs = Date.now() * 1000;
    return Promise.all(
      rows.map(async (r) => {
        const ids = r.fleet
          ? (fleetAssets.get(r.tenant_id) ?? [])
          : [
              ...new Set(
                parseJson(r.coverage)
                  .filter((c) => c.to_us === null || Number(c.to_us) > nowUs)
                  .map((c) => c.asset_id),
              ),
            ].sort();
        return toContract({ ...r, asset_ids: ids.length ? ids : null });
      }),
    );
  }
}
