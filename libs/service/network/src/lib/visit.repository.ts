import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import type { Scope } from '@hourglass/platform-tenancy';
import { assignmentScope } from './assignment.repository';
import type { OrderAccount, PartsSource, Visit, VisitOutcome } from './service-network.types';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

const toVisit = (r: Record<string, unknown>): Visit => ({
  id: Number(r.id),
  orderId: String(r.order_id),
  technicianId: String(r.technician_id),
  arrivedAt: iso(r.arrived_at) as string,
  departedAt: iso(r.departed_at),
  outcome: r.outcome as VisitOutcome,
  partsSource: (r.parts_source ?? null) as PartsSource | null,
  recordedBy: String(r.recorded_by),
});

const toAccount = (r: Record<string, unknown>): OrderAccount => ({
  orderId: String(r.order_id),
  revenue: String(r.revenue),
  partsCost: String(r.parts_cost),
  labourCost: String(r.labour_cost),
  travelCost: String(r.travel_cost),
});

/** Orders the scope sees: those with a current assignment in it. */
const visibleOrders = (scope: Scope, params: unknown[]) =>
  `(select a.order_id from service_assignments a where a.ended_at is null and ${assignmentScope(scope, 'a', params)})`;

/** Visits per order (migrations 050, 080) and each order's service account (migration 050). */
export class VisitRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Stores a visit (`partsSource` defaults to null: not said). */
  async insert(
    v: Omit<Visit, 'id' | 'partsSource'> & { partsSource?: PartsSource | null },
  ): Promise<Visit> {
    const rows = await this.db.query<Record<string, unknown>>(
      `insert into service_visits (order_id, technician_id, arrived_at, departed_at, outcome, parts_source, recorded_by)
       values ($1, $2, $3, $4, $5, $6, $7) returning *`,
      [
        v.orderId,
        v.technicianId,
        v.arrivedAt,
        v.departedAt,
        v.outcome,
        v.partsSource ?? null,
        v.recordedBy,
      ],
    );
    return toVisit(rows[0]);
  }

  /** The visits of an order the scope sees, in arrival order. */
  async ofOrder(scope: Scope, orderId: string): Promise<Visit[]> {
    const params: unknown[] = [orderId];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from service_visits where order_id = $1 and order_id in ${visibleOrders(scope, params)}
       order by arrived_at, id`,
      params as SqlValue[],
    );
    return rows.map(toVisit);
  }

  /** The visits arriving before `before` of the orders the scope sees. */
  async before(scope: Scope, before: string): Promise<Visit[]> {
    const params: unknown[] = [before];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from service_visits where arrived_at < $1 and order_id in ${visibleOrders(scope, params)}
       order by order_id, arrived_at, id`,
      params as SqlValue[],
    );
    return rows.map(toVisit);
  }

  /** Sets the order's service account (revenue and cost). */
  async putAccount(a: OrderAccount): Promise<OrderAccount> {
    const rows = await this.db.query<Record<string, unknown>>(
      `insert into service_order_accounts (order_id, revenue, parts_cost, labour_cost, travel_cost)
       values ($1, $2, $3, $4, $5)
       on conflict (order_id) do update set revenue = excluded.revenue, parts_cost = excluded.parts_cost,
         labour_cost = excluded.labour_cost, travel_cost = excluded.travel_cost
       returning *`,
      [a.orderId, a.revenue, a.partsCost, a.labourCost, a.travelCost],
    );
    return toAccount(rows[0]);
  }

  /** The service accounts of the orders the scope sees. */
  async accounts(scope: Scope): Promise<OrderAccount[]> {
    const params: unknown[] = [];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from service_order_accounts where order_id in ${visibleOrders(scope, params)} order by order_id`,
      params as SqlValue[],
    );
    return rows.map(toAccount);
  }
}
