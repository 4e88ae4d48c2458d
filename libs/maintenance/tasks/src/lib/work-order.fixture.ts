import type { SqlDatabase } from '@hourglass/platform-sql';
import type { NewTask } from './task.repository';

/** Tenant `acme` with turbofan assets `ids` (devices of the same ids). */
export async function seedTurbofans(db: SqlDatabase, ids: readonly string[]): Promise<void> {
  await db.query(`insert into tenants (id, name) values ('acme', 'Acme') on conflict do nothing`);
  for (const id of ids) {
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, 'acme', 'turbofan', $1, 'x')`,
      [id],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type) values ($1, 'acme', $1, 'turbofan')`,
      [id],
    );
  }
}

/** A model-raised order of `assetId` for `component`. */
export const newOrder = (assetId: string, component = 'hpc-module'): NewTask => ({
  tenantId: 'acme',
  assetId,
  assetType: 'turbofan',
  component,
  priority: 'HIGH',
  predictedRul: 12.5,
  risk: 0.9,
  modelVersion: 'm@1',
  replaceBy: new Date('2026-12-01T00:00:00Z'),
});
