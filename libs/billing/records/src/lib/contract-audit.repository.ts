import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';

/** One audited change of a contract: who did what, with the change itself in `detail`. */
export interface ContractAuditEntry {
  id: number;
  contractId: string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
  at: string;
}

/** The append-only audit of contract changes (versions, windows, overrides, billing runs, approvals). */
export class ContractAuditRepository {
  constructor(private readonly db: SqlDatabase) {}

  async record(
    tx: SqlExecutor,
    entry: {
      contractId: string;
      tenantId: string;
      actor: string;
      action: string;
      detail: Record<string, unknown>;
    },
  ): Promise<void> {
    await tx.query(
      'insert into contract_audit (contract_id, tenant_id, actor, action, detail) values ($1, $2, $3, $4, $5::jsonb)',
      [entry.contractId, entry.tenantId, entry.actor, entry.action, JSON.stringify(entry.detail)],
    );
  }

  /** Newest first. */
  async list(scope: Scope, contractId: string, limit = 500): Promise<ContractAuditEntry[]> {
    const params: unknown[] = [contractId, limit];
    const rows = await this.db.query<{
      id: string | number;
      contract_id: string;
      actor: string;
      action: string;
      detail: unknown;
      at: Date;
    }>(
      `select id, contract_id, actor, action, detail, at from contract_audit
       where contract_id = $1 and ${scopeCondition(scope, 'tenant_id', params)} order by id desc limit $2`,
      params as string[],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      contractId: r.contract_id,
      actor: r.actor,
      action: r.action,
      detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<
        string,
        unknown
      >,
      at: new Date(r.at).toISOString(),
    }));
  }
}
