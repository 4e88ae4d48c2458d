import { BillingStores, ContractService } from '@hourglass/billing-records';
import type { ContractTermsInput } from '@hourglass/billing-records';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';

/** The tenant every bench asset and contract belongs to. */
export const BENCH_TENANT = 'bench';
const COMMISSIONED = '2026-01-01T00:00:00Z';

/** The fleet's asset ids: `asset-000000`... */
export const benchAssetIds = (assets: number): string[] =>
  Array.from({ length: assets }, (_, a) => `asset-${String(a).padStart(6, '0')}`);

/** Devices and their assets, commissioned before the rated month, in one statement each. */
export async function seedAssets(db: SqlDatabase, assetIds: readonly string[]): Promise<void> {
  await db.query(`insert into tenants (id, name) values ($1, 'Bench') on conflict do nothing`, [
    BENCH_TENANT,
  ]);
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash)
     select id, $2, 'turbofan', id, 'x' from unnest($1::text[]) as u(id)`,
    [[...assetIds], BENCH_TENANT],
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type, created_at)
     select id, $2, id, 'turbofan', $3 from unnest($1::text[]) as u(id)`,
    [[...assetIds], BENCH_TENANT, COMMISSIONED],
  );
}

/**
 * Contracts of `perContract` assets each (the last may be smaller), created through `ContractService`
 * with the same terms as the pure-engine phase; returns their ids.
 */
export async function seedContracts(
  db: SqlDatabase,
  assetIds: readonly string[],
  perContract: number,
  terms: ContractTermsInput,
): Promise<string[]> {
  const service = new ContractService(new BillingStores(db), () =>
    Date.parse('2026-05-15T00:00:00Z'),
  );
  const ids: string[] = [];
  for (let from = 0; from < assetIds.length; from += perContract) {
    const id = `bench-${String(ids.length).padStart(4, '0')}`;
    await service.create(PROVIDER_SCOPE, 'bench', {
      id,
      name: `bench contract ${ids.length}`,
      tenantId: BENCH_TENANT,
      assetIds: assetIds.slice(from, from + perContract),
      effectiveFrom: COMMISSIONED,
      terms,
    });
    ids.push(id);
  }
  return ids;
}
