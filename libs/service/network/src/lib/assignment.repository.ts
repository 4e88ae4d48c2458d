import type { SqlDatabase, SqlExecutor, SqlValue } from '@hourglass/platform-sql';
import { assignedCondition, type Scope } from '@hourglass/platform-tenancy';
import type { AssignedOrder, Assignment, AssignmentMethod } from './service-network.types';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

const toAssignment = (r: Record<string, unknown>): Assignment => ({
  id: Number(r.id),
  orderId: String(r.order_id),
  tenantId: String(r.tenant_id),
  assetId: String(r.asset_id),
  assetType: String(r.asset_type),
  component: String(r.component),
  priority: String(r.priority),
  partnerId: (r.partner_id as string | null) ?? null,
  technicianId: (r.technician_id as string | null) ?? null,
  region: String(r.region),
  method: r.method as AssignmentMethod,
  reason: (r.reason as string | null) ?? null,
  plannedAt: iso(r.planned_at) as string,
  assignedAt: iso(r.assigned_at) as string,
  assignedBy: String(r.assigned_by),
  endedAt: iso(r.ended_at),
});

/** A new assignment of an order. */
export interface NewAssignment extends AssignedOrder {
  partnerId: string | null;
  technicianId: string | null;
  region: string;
  method: AssignmentMethod;
  reason: string | null;
  plannedAt: string;
  assignedAt: string;
  assignedBy: string;
}

/** The rows of `service_assignments` a scope sees: by tenant, or a partner's assigned orders. */
export const assignmentScope = (scope: Scope, alias: string, params: unknown[]) =>
  assignedCondition(scope, { tenant: `${alias}.tenant_id`, order: `${alias}.order_id` }, params);

/** Order assignments and their history (migration 050). */
export class AssignmentRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Ends the order's current assignment (if any) and records the new one, in one transaction. */
  async assign(a: NewAssignment): Promise<Assignment> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `update service_assignments set ended_at = $2 where order_id = $1 and ended_at is null`,
        [a.orderId, a.assignedAt],
      );
      const rows = await tx.query<Record<string, unknown>>(
        `insert into service_assignments (order_id, tenant_id, asset_id, asset_type, component, priority,
           partner_id, technician_id, region, method, reason, planned_at, assigned_at, assigned_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning *`,
        [
          a.orderId,
          a.tenantId,
          a.assetId,
          a.assetType,
          a.component,
          a.priority,
          a.partnerId,
          a.technicianId,
          a.region,
          a.method,
          a.reason,
          a.plannedAt,
          a.assignedAt,
          a.assignedBy,
        ],
      );
      return toAssignment(rows[0]);
    });
  }

  /** The order's assignments, oldest first (the last one is current unless ended). */
  async history(scope: Scope, orderId: string, tx: SqlExecutor = this.db): Promise<Assignment[]> {
    const params: unknown[] = [orderId];
    const rows = await tx.query<Record<string, unknown>>(
      `select a.* from service_assignments a where a.order_id = $1 and ${assignmentScope(scope, 'a', params)}
       order by a.assigned_at, a.id`,
      params as SqlValue[],
    );
    return rows.map(toAssignment);
  }

  /** The current assignments in the scope, newest first. */
  async current(scope: Scope): Promise<Assignment[]> {
    const params: unknown[] = [];
    const rows = await this.db.query<Record<string, unknown>>(
      `select a.* from service_assignments a where a.ended_at is null and ${assignmentScope(scope, 'a', params)}
       order by a.assigned_at desc, a.id desc`,
      params as SqlValue[],
    );
    return rows.map(toAssignment);
  }

  /** What a partner sees right now: the orders currently assigned to it and their assets. */
  async assignedTo(partnerId: string): Promise<{ orderIds: string[]; assetIds: string[] }> {
    const rows = await this.db.query<{ order_id: string; asset_id: string }>(
      `select order_id, asset_id from service_assignments where partner_id = $1 and ended_at is null`,
      [partnerId],
    );
    return {
      orderIds: rows.map((r) => r.order_id),
      assetIds: [...new Set(rows.map((r) => r.asset_id))],
    };
  }

  /** Current orders per partner (the rule's load balance). */
  async load(): Promise<Map<string, number>> {
    const rows = await this.db.query<{ partner_id: string; n: number | string }>(
      `select partner_id, count(*) as n from service_assignments
       where ended_at is null and partner_id is not null group by partner_id`,
    );
    return new Map(rows.map((r) => [r.partner_id, Number(r.n)]));
  }

  /** Every assignment (history included) of the orders the scope sees, assigned before `before`. */
  async allBefore(scope: Scope, before: string): Promise<Assignment[]> {
    const params: unknown[] = [before];
    const rows = await this.db.query<Record<string, unknown>>(
      `select a.* from service_assignments a where a.assigned_at < $1 and ${assignmentScope(scope, 'a', params)}
       order by a.order_id, a.assigned_at, a.id`,
      params as SqlValue[],
    );
    return rows.map(toAssignment);
  }
}
