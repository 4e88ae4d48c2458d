import {
  withDefaultTerms,
  type ContractTerms,
  type ContractVersion,
} from '@hourglass/billing-uptime';
import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { microsToIso, timestamptzToUs, usToTimestamptz } from './billing-time';

/** A stored contract version with who created it (the API shape). */
export interface StoredContractVersion extends ContractVersion {
  tenantId: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdBy: string;
  createdAt: string;
}

interface VersionRow {
  contract_id: string;
  tenant_id: string;
  version: number;
  from_us: string | number;
  to_us: string | number | null;
  terms: Partial<ContractTerms> &
    Pick<ContractTerms, 'tz' | 'currency' | 'ratePerHour' | 'slaTarget'>;
  created_by: string;
  created_at: Date;
}

const toVersion = (r: VersionRow): StoredContractVersion => {
  const fromUs = Number(r.from_us);
  const toUs = r.to_us === null ? null : Number(r.to_us);
  return {
    contractId: r.contract_id,
    tenantId: r.tenant_id,
    version: Number(r.version),
    effectiveFromUs: fromUs,
    effectiveToUs: toUs,
    effectiveFrom: microsToIso(fromUs),
    effectiveTo: toUs === null ? null : microsToIso(toUs),
    // Versions created by migration 004 from a contract header hold partial terms: the spec's defaults fill the rest.
    terms: withDefaultTerms(typeof r.terms === 'string' ? JSON.parse(r.terms) : r.terms),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
};

/** Effective-dated contract versions (append-only: a new version only closes the previous one's end). */
export class ContractVersionRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Every version of a contract, oldest first. */
  async list(
    scope: Scope,
    contractId: string,
    tx: SqlExecutor = this.db,
  ): Promise<StoredContractVersion[]> {
    const params: unknown[] = [contractId];
    const rows = await tx.query<VersionRow>(
      `select contract_id, tenant_id, version, terms, created_by, created_at,
              ${timestamptzToUs('effective_from')} as from_us, ${timestamptzToUs('effective_to')} as to_us
       from contract_versions where contract_id = $1 and ${scopeCondition(scope, 'tenant_id', params)} order by version`,
      params as string[],
    );
    return rows.map(toVersion);
  }

  /**
   * Appends version n+1 from `fromUs` on and ends the open-ended previous version there.
   * Run inside a transaction (the caller checks that `fromUs` is after the previous start).
   */
  async append(
    tx: SqlExecutor,
    v: {
      contractId: string;
      tenantId: string;
      fromUs: number;
      terms: ContractTerms;
      createdBy: string;
    },
  ): Promise<number> {
    const [{ next }] = await tx.query<{ next: number }>(
      'select coalesce(max(version), 0) + 1 as next from contract_versions where contract_id = $1',
      [v.contractId],
    );
    await tx.query(
      `update contract_versions set effective_to = ${usToTimestamptz('$2')}
       where contract_id = $1 and effective_to is null`,
      [v.contractId, v.fromUs],
    );
    await tx.query(
      `insert into contract_versions (contract_id, version, tenant_id, effective_from, terms, created_by)
       values ($1, $2, $3, ${usToTimestamptz('$4')}, $5::jsonb, $6)`,
      [v.contractId, Number(next), v.tenantId, v.fromUs, JSON.stringify(v.terms), v.createdBy],
    );
    return Number(next);
  }

  /** Ends the open-ended last version at `endUs`: the contract's termination (run inside a transaction). */
  async end(tx: SqlExecutor, contractId: string, endUs: number): Promise<void> {
    await tx.query(
      `update contract_versions set effective_to = ${usToTimestamptz('$2')} where contract_id = $1 and effective_to is null`,
      [contractId, endUs],
    );
  }
}
