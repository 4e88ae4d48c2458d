import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';

/** An uptime contract (the skeleton's subset of the contract terms of spec §1). */
export interface Contract {
  id: string;
  tenantId: string;
  name: string;
  currency: string;
  ratePerHour: string;
  slaTarget: string;
  tz: string;
  heartbeatTimeoutSeconds: number;
  fleet: boolean;
  assetIds: string[];
}

export interface BillingRecord {
  contractId: string;
  assetId: string;
  periodStart: string;
  periodEnd: string;
  runSeconds: number;
  faultSeconds: number;
  unknownSeconds: number;
  /** Operating hours, exact to 4 decimals (a decimal string). */
  operatingHours: string;
  charge: string;
  currency: string;
  computedAt: string;
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
}

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
});

/** Contracts and their billing records. */
export class ContractRepository {
  constructor(private readonly db: SqlDatabase) {}

  async upsert(c: Omit<Contract, 'assetIds'>): Promise<void> {
    await this.db.query('insert into tenants (id, name) values ($1, $1) on conflict (id) do nothing', [c.tenantId]);
    await this.db.query(
      `insert into contracts (id, tenant_id, name, currency, rate_per_hour, sla_target, tz, heartbeat_timeout_seconds, fleet)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (id) do nothing`,
      [c.id, c.tenantId, c.name, c.currency, c.ratePerHour, c.slaTarget, c.tz, c.heartbeatTimeoutSeconds, c.fleet],
    );
  }

  async list(scope: Scope): Promise<Contract[]> {
    const params: unknown[] = [];
    const rows = await this.db.query<ContractRow>(
      `select c.*, (select array_agg(a.id order by a.id) from assets a
          where (c.fleet and a.tenant_id = c.tenant_id)
             or a.id in (select asset_id from contract_assets ca where ca.contract_id = c.id)) as asset_ids
       from contracts c where ${scopeCondition(scope, 'c.tenant_id', params)} order by c.id`,
      params as string[],
    );
    return rows.map(toContract);
  }

  async get(scope: Scope, id: string): Promise<Contract | null> {
    return (await this.list(scope)).find((c) => c.id === id) ?? null;
  }

  /** When each asset was commissioned (created in the registry), epoch ms. */
  async commissionedAt(assetIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db.query<{ id: string; created_at: Date }>('select id, created_at from assets where id = any($1::text[])', [
      [...assetIds],
    ]);
    return new Map(rows.map((r) => [r.id, new Date(r.created_at).getTime()]));
  }

  /** State events of an asset in `[from, to)` plus the last one before `from` (the carry-in). */
  async stateEvents(assetId: string, from: Date, to: Date): Promise<Array<{ at: number; state: string }>> {
    const rows = await this.db.query<{ observed_at: Date; state: string }>(
      `(select observed_at, state from state_events where asset_id = $1 and observed_at < $2 order by observed_at desc limit 1)
       union all
       (select observed_at, state from state_events where asset_id = $1 and observed_at >= $2 and observed_at < $3)
       order by observed_at`,
      [assetId, from, to],
    );
    return rows.map((r) => ({ at: new Date(r.observed_at).getTime(), state: r.state }));
  }

  async saveRecord(tenantId: string, r: BillingRecord): Promise<void> {
    await this.db.query(
      `insert into billing_records (contract_id, tenant_id, asset_id, period_start, period_end, run_seconds,
          fault_seconds, unknown_seconds, operating_hours, charge, currency, computed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       on conflict (contract_id, asset_id, period_start) do update set
         run_seconds = excluded.run_seconds, fault_seconds = excluded.fault_seconds,
         unknown_seconds = excluded.unknown_seconds, operating_hours = excluded.operating_hours,
         charge = excluded.charge, computed_at = excluded.computed_at, period_end = excluded.period_end`,
      [
        r.contractId, tenantId, r.assetId, r.periodStart, r.periodEnd, r.runSeconds, r.faultSeconds,
        r.unknownSeconds, r.operatingHours, r.charge, r.currency, r.computedAt,
      ],
    );
  }

  async records(scope: Scope, contractId: string): Promise<BillingRecord[]> {
    const params: unknown[] = [contractId];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from billing_records where contract_id = $1 and ${scopeCondition(scope, 'tenant_id', params)}
       order by period_start desc, asset_id`,
      params as string[],
    );
    return rows.map((r) => ({
      contractId: String(r.contract_id),
      assetId: String(r.asset_id),
      periodStart: new Date(r.period_start as Date).toISOString(),
      periodEnd: new Date(r.period_end as Date).toISOString(),
      runSeconds: Number(r.run_seconds),
      faultSeconds: Number(r.fault_seconds),
      unknownSeconds: Number(r.unknown_seconds),
      operatingHours: String(r.operating_hours),
      charge: String(r.charge),
      currency: String(r.currency),
      computedAt: new Date(r.computed_at as Date).toISOString(),
    }));
  }
}
