import type { SqlDatabase } from '@hourglass/platform-sql';

/**
 * One statement over billing's own inputs of a contract's health, as a text that changes when any of
 * them does: the tenant's billing events (state, heartbeat, hour meter) and corrections as they
 * arrive, the contract's audit (versions, coverage, windows, overrides, corrections and termination
 * are all audited), its windows, overrides and billing runs.
 */
const LAST_CHANGE = `select concat_ws('|',
    (select max(received_at)::text from state_events where tenant_id = $2),
    (select max(received_at)::text from billing_corrections where tenant_id = $2),
    (select max(id)::text from contract_audit where contract_id = $1),
    (select count(*)::text || '@' || coalesce(max(created_at)::text, '') from calendar_windows where contract_id = $1),
    (select count(*)::text || '@' || coalesce(max(created_at)::text, '') from category_overrides where contract_id = $1),
    (select count(*)::text || '@' || coalesce(max(computed_at)::text, '') from billing_runs where contract_id = $1)
  ) as key`;

/** Tells whether billing's inputs of a contract changed (for caches of what is computed from them). */
export class ContractChangeQuery {
  constructor(private readonly db: SqlDatabase) {}

  /** A text that differs whenever the contract's (or its tenant's) billing inputs changed; equal texts: nothing changed. */
  async lastChange(contractId: string, tenantId: string): Promise<string> {
    const [row] = await this.db.query<{ key: string }>(LAST_CHANGE, [contractId, tenantId]);
    return row?.key ?? '';
  }
}
