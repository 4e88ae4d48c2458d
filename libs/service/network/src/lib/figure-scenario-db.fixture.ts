import type { SqlDatabase } from '@hourglass/platform-sql';
import { AssignmentRepository } from './assignment.repository';
import { scenarioAssignments, type RawFigureScenario } from './figure-scenario.fixture';
import { PartnerRepository } from './partner.repository';
import { VisitRepository } from './visit.repository';

/**
 * Stores a figure scenario in a migrated database, tenant `acme`: assets and orders as the
 * registry and the tasks lib keep them (rows written directly: this is a test), the service
 * network's rows through its own repositories.
 */
export async function storeFigureScenario(db: SqlDatabase, raw: RawFigureScenario): Promise<void> {
  await db.query(`insert into tenants (id, name) values ('acme', 'acme') on conflict do nothing`);
  for (const a of raw.assets) {
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, 'acme', $2, $1, 'x')`,
      [a.assetId, a.assetType],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type, created_at) values ($1, 'acme', $1, $2, $3)`,
      [a.assetId, a.assetType, a.commissionedAt],
    );
  }
  const types = new Map(raw.assets.map((a) => [a.assetId, a.assetType]));
  const visited = new Set(raw.visits.map((v) => v.orderId));
  for (const o of raw.orders) {
    await db.query(
      `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, asset_type, created_at)
       values ($1, 'acme', $2, $3, $4, $5, 0, 0, 'm@1', $6, $7, $6)`,
      [
        o.id,
        o.assetId,
        o.component,
        visited.has(o.id) ? 'DONE' : 'OPEN',
        o.priority,
        o.createdAt,
        types.get(o.assetId) ?? 'unknown',
      ],
    );
  }
  const partners = new PartnerRepository(db);
  for (const p of raw.partners) await partners.insert(p);
  for (const t of raw.technicians) {
    await partners.insertTechnician({
      ...t,
      name: t.id,
      regions: [],
      skills: [],
      certifiedFrom: null,
      certifiedTo: null,
    });
  }
  const assignments = new AssignmentRepository(db);
  for (const { id: _id, endedAt: _ended, ...a } of scenarioAssignments(raw))
    await assignments.assign(a);
  const visits = new VisitRepository(db);
  for (const v of raw.visits)
    await visits.insert({ ...v, partsSource: v.partsSource ?? null, recordedBy: 'pat' });
  for (const a of raw.accounts) await visits.putAccount(a);
}
