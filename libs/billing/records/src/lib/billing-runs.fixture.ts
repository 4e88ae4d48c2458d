import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { BillingStores } from './billing-stores';
import { ContractService } from './contract.service';
import type { ContractTermsInput } from './contract-terms.schema';

export const HOUR = 3_600_000;
export const at = (iso: string) => Date.parse(iso);

/** Creates a tenant, a device and an asset commissioned at `commissionedAt`, and a contract covering it. */
export async function seedContract(
  db: SqlDatabase,
  name: string,
  terms: ContractTermsInput = {},
  commissionedAt = '2026-01-01T00:00:00Z',
): Promise<{ contractId: string; assetId: string; service: ContractService }> {
  const assetId = `${name}-asset`;
  await db.query(`insert into tenants (id, name) values ('acme', 'Acme') on conflict do nothing`);
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash) values ($1, 'acme', 'turbofan', $1, 'x')`,
    [assetId],
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type, created_at) values ($1, 'acme', $1, 'turbofan', $2)`,
    [assetId, commissionedAt],
  );
  const service = new ContractService(new BillingStores(db), () => at('2026-05-15T00:00:00Z'));
  await service.create(PROVIDER_SCOPE, 'test', {
    id: name,
    name: `${name} contract`,
    tenantId: 'acme',
    assetIds: [assetId],
    effectiveFrom: '2026-01-01T00:00:00Z',
    terms: {
      tz: 'UTC',
      currency: 'EUR',
      ratePerHour: '100.00',
      slaTarget: '0.99',
      creditBands: [{ lo: '0', hi: '0.99', pct: '0.10' }],
      heartbeatTimeoutSeconds: 3600,
      ...terms,
    },
  });
  return { contractId: name, assetId, service };
}

/**
 * Stores a device's state as the ingest path does: a STATE event when `[from, to)` starts, then a
 * HEARTBEAT every `everyMs`; each received `delayMs` after it was observed unless `receivedAt` is given.
 */
export async function seedStates(
  db: SqlDatabase,
  assetId: string,
  state: string,
  from: string,
  to: string,
  options: { everyMs?: number; receivedAt?: string; delayMs?: number } = {},
): Promise<number> {
  const every = options.everyMs ?? HOUR / 2;
  const times: string[] = [];
  const received: string[] = [];
  const kinds: string[] = [];
  for (let t = at(from); t < at(to); t += every) {
    times.push(new Date(t).toISOString());
    received.push(options.receivedAt ?? new Date(t + (options.delayMs ?? 1000)).toISOString());
    kinds.push(times.length === 1 ? 'STATE' : 'HEARTBEAT');
  }
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at)
     select $1, 'acme', u.t, u.k, $2, u.r from unnest($3::timestamptz[], $4::text[], $5::timestamptz[]) as u(t, k, r)`,
    [assetId, state, times, kinds, received],
  );
  return times.length;
}
