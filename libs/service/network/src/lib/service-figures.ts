import { centsPer, fromCents, toCents } from './money';
import {
  OWN_TEAM,
  type FigureInput,
  type FirstTimeFixOfSource,
  type GroupFigures,
  type LifecycleCost,
  type ServiceFigures,
} from './service-figures.types';
import type { Assignment, PartsSource, Visit } from './service-network.types';

const HOUR_MS = 3_600_000;
/** A repeat order within this long after the fix undoes a first-time fix (spec section 1). */
export const REPEAT_WINDOW_MS = 30 * 24 * HOUR_MS;
const YEAR_MS = 365.25 * 24 * HOUR_MS;

/** One visited order with what the figures need of it. */
interface OrderFacts {
  orderId: string;
  assetId: string;
  assetType: string;
  component: string;
  priority: string;
  partner: string;
  region: string;
  /** When the order was assigned to the team that made the first visit. */
  assignedAt: number;
  firstArrival: number;
  firstFixed: boolean;
  /** Where the first visit's parts came from. */
  firstPartsSource: PartsSource | null;
  /** Departure (else arrival) of the first visit. */
  firstLeft: number;
  /** Departure (else arrival) of the first FIXED visit; null while unresolved. */
  resolvedAt: number | null;
  technicians: Array<{ id: string; arrivedAt: number }>;
  revenueCents: number;
  costCents: number;
}

const ms = (iso: string) => Date.parse(iso);
const left = (v: Visit) => ms(v.departedAt ?? v.arrivedAt);
const within = (t: number, p: { from: number; to: number }) => t >= p.from && t < p.to;
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** The assignment in force at `at`, else the latest one. */
function assignmentAt(assignments: readonly Assignment[], at: number): Assignment {
  const inForce = assignments.find(
    (a) => ms(a.assignedAt) <= at && (a.endedAt === null || ms(a.endedAt) > at),
  );
  return inForce ?? [...assignments].sort((a, b) => ms(b.assignedAt) - ms(a.assignedAt))[0];
}

function orderFacts(input: FigureInput): OrderFacts[] {
  const group = <T extends { orderId: string }>(rows: readonly T[]) => {
    const by = new Map<string, T[]>();
    for (const r of rows) by.set(r.orderId, [...(by.get(r.orderId) ?? []), r]);
    return by;
  };
  const assignments = group(input.assignments);
  const accounts = new Map(input.accounts.map((a) => [a.orderId, a]));
  const facts: OrderFacts[] = [];
  for (const [orderId, raw] of group(input.visits)) {
    const mine = assignments.get(orderId);
    if (!mine) continue;
    const visits = [...raw].sort((a, b) => ms(a.arrivedAt) - ms(b.arrivedAt) || a.id - b.id);
    const first = visits[0];
    const assignment = assignmentAt(mine, ms(first.arrivedAt));
    const fixed = visits.find((v) => v.outcome === 'FIXED');
    const account = accounts.get(orderId);
    facts.push({
      orderId,
      assetId: assignment.assetId,
      assetType: assignment.assetType,
      component: assignment.component,
      priority: assignment.priority,
      partner: assignment.partnerId ?? OWN_TEAM,
      region: assignment.region,
      assignedAt: ms(assignment.assignedAt),
      firstArrival: ms(first.arrivedAt),
      firstFixed: first.outcome === 'FIXED',
      firstPartsSource: first.partsSource,
      firstLeft: left(first),
      resolvedAt: fixed ? left(fixed) : null,
      technicians: visits.map((v) => ({ id: v.technicianId, arrivedAt: ms(v.arrivedAt) })),
      revenueCents: account ? toCents(account.revenue) : 0,
      costCents: account
        ? toCents(account.partsCost) + toCents(account.labourCost) + toCents(account.travelCost)
        : 0,
    });
  }
  return facts;
}

/** Whether another order on the same asset and component was raised within 30 days after the first visit. */
function repeated(order: OrderFacts, input: FigureInput): boolean {
  return input.orders.some(
    (o) =>
      o.id !== order.orderId &&
      o.assetId === order.assetId &&
      o.component === order.component &&
      o.createdAt > order.firstLeft &&
      o.createdAt <= order.firstLeft + REPEAT_WINDOW_MS,
  );
}

function responseTime(orders: readonly OrderFacts[], input: FigureInput) {
  const answered = orders.filter((o) => within(o.firstArrival, input.period));
  const total = answered.reduce((sum, o) => sum + (o.firstArrival - o.assignedAt), 0);
  return {
    meanHours: answered.length ? round(total / answered.length / HOUR_MS, 2) : null,
    orders: answered.length,
  };
}

function groupFigures(orders: readonly OrderFacts[], input: FigureInput): GroupFigures {
  const attempted = orders.filter((o) => within(o.firstArrival, input.period));
  const fixedFirstTime = attempted.filter((o) => o.firstFixed && !repeated(o, input)).length;
  const resolved = orders.filter(
    (o) => o.resolvedAt !== null && within(o.resolvedAt, input.period),
  );
  const revenue = resolved.reduce((sum, o) => sum + o.revenueCents, 0);
  const cost = resolved.reduce((sum, o) => sum + o.costCents, 0);
  const active = new Set(
    orders
      .flatMap((o) => o.technicians.filter((t) => within(t.arrivedAt, input.period)))
      .map((t) => t.id),
  );
  return {
    firstTimeFix: {
      rate: attempted.length ? round(fixedFirstTime / attempted.length, 4) : null,
      fixedFirstTime,
      attempted: attempted.length,
    },
    responseTime: responseTime(orders, input),
    revenuePerEngineer: {
      value: centsPer(revenue, active.size),
      revenue: fromCents(revenue),
      activeTechnicians: active.size,
    },
    inputOutput: {
      ratio: cost > 0 ? round(revenue / cost, 4) : null,
      revenue: fromCents(revenue),
      cost: fromCents(cost),
    },
  };
}

function byKey<K extends string>(
  orders: readonly OrderFacts[],
  key: (o: OrderFacts) => K,
  figure: (group: OrderFacts[]) => unknown,
) {
  const groups = new Map<K, OrderFacts[]>();
  for (const o of orders) groups.set(key(o), [...(groups.get(key(o)) ?? []), o]);
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, g]) => [k, figure(g)]),
  );
}

/** First-time fix of the orders whose first visit brought parts from `source`. */
function firstTimeFixOf(
  orders: readonly OrderFacts[],
  source: PartsSource,
  input: FigureInput,
): FirstTimeFixOfSource {
  const attempted = orders.filter(
    (o) => o.firstPartsSource === source && within(o.firstArrival, input.period),
  );
  const fixedFirstTime = attempted.filter((o) => o.firstFixed && !repeated(o, input)).length;
  return {
    rate: attempted.length ? round(fixedFirstTime / attempted.length, 4) : null,
    fixedFirstTime,
    attempted: attempted.length,
    firstVisitFixed: attempted.filter((o) => o.firstFixed).length,
  };
}

/** All service cost of each type's assets up to the period end, per operating year since commissioning. */
function lifecycleCost(orders: readonly OrderFacts[], input: FigureInput): LifecycleCost[] {
  const types = [...new Set(input.assets.map((a) => a.assetType))].sort();
  return types.map((assetType) => {
    const years = input.assets
      .filter((a) => a.assetType === assetType && a.commissionedAt < input.period.to)
      .reduce((sum, a) => sum + (input.period.to - a.commissionedAt) / YEAR_MS, 0);
    const cost = orders
      .filter(
        (o) => o.assetType === assetType && o.resolvedAt !== null && o.resolvedAt < input.period.to,
      )
      .reduce((sum, o) => sum + o.costCents, 0);
    return {
      assetType,
      cost: fromCents(cost),
      operatingYears: round(years, 4),
      costPerOperatingYear: years > 0 ? fromCents(Math.round(cost / years)) : null,
    };
  });
}

/**
 * The service-network figures of customer-success spec section 1, from stored rows: first-time fix
 * rate, response time, service revenue per engineer, the input-output ratio (overall and per
 * partner, region and asset type; response time per priority too) and lifecycle service cost per
 * asset type, and first-time fix split by where the first visit's parts came from. Each order
 * counts for the team whose assignment was in force at its first visit.
 */
export function computeServiceFigures(input: FigureInput): ServiceFigures {
  const orders = orderFacts(input);
  const figures = (group: OrderFacts[]) => groupFigures(group, input);
  return {
    period: {
      from: new Date(input.period.from).toISOString(),
      to: new Date(input.period.to).toISOString(),
    },
    overall: figures(orders),
    byPartner: byKey(orders, (o) => o.partner, figures) as Record<string, GroupFigures>,
    byRegion: byKey(orders, (o) => o.region, figures) as Record<string, GroupFigures>,
    byAssetType: byKey(orders, (o) => o.assetType, figures) as Record<string, GroupFigures>,
    responseTimeByPriority: byKey(
      orders,
      (o) => o.priority,
      (g) => responseTime(g, input),
    ) as Record<string, GroupFigures['responseTime']>,
    lifecycleCost: lifecycleCost(orders, input),
    firstTimeFixByPartsSource: {
      SUGGESTION: firstTimeFixOf(orders, 'SUGGESTION', input),
      DEFAULT_KIT: firstTimeFixOf(orders, 'DEFAULT_KIT', input),
    },
  };
}
