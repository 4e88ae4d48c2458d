import {
  BillingRunService,
  BillingStores,
  ContractService,
  shiftPeriodId,
  StateEventRepository,
} from '@hourglass/billing-records';
import { periodContaining } from '@hourglass/billing-uptime';
import {
  AssetHistoryImport,
  DeviceRegistryService,
  DeviceRepository,
} from '@hourglass/devices-registry';
import { importCompletedOrders, TaskRepository } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { ensureTenant, PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { PartnerRepository, VisitRepository } from '@hourglass/service-network';
import { NpsAnswerRepository } from '@hourglass/success-customer';
import {
  buildDemoHistory,
  DEMO_CUSTOMERS,
  DEMO_PARTNERS,
  DEMO_TECHNICIANS,
  type DemoHistory,
} from './success-demo.history';

const DAY_MS = 86_400_000;
/** Months billed from the history: the last 12 full ones (the billing round rates the current one). */
const BILLED_MONTHS = 12;
const ACTOR = 'demo-seed';
const EVENT_BATCH = 20_000;

/** What {@link seedSuccessDemo} did. */
export interface SuccessDemoSeedResult {
  seeded: boolean;
  events: number;
  orders: number;
  visits: number;
  answers: number;
  billingRuns: number;
  ms: number;
}

/**
 * Seeds the customer-success demo of `npm start` (issue 15): three customers of different shapes
 * with a year of hours, orders, visits, NPS answers and billed months, two partners in two regions
 * and their technicians, all through the owners' APIs. Seeded once: a database that has the first
 * customer's contract is left as it is.
 */
export async function seedSuccessDemo(
  db: SqlDatabase,
  nowMs: number = Date.now(),
): Promise<SuccessDemoSeedResult> {
  const started = Date.now();
  const stores = new BillingStores(db);
  const none = { seeded: false, events: 0, orders: 0, visits: 0, answers: 0, billingRuns: 0 };
  if (await stores.contracts.get(PROVIDER_SCOPE, DEMO_CUSTOMERS[0].contractId))
    return { ...none, ms: Date.now() - started };
  const history = buildDemoHistory(nowMs);
  await seedRegistry(db, history);
  await seedNetwork(db, history);
  const events = new StateEventRepository(db);
  const tenants = new Map(DEMO_CUSTOMERS.flatMap((c) => c.assets.map((a) => [a.id, c.tenantId])));
  for (let i = 0; i < history.events.length; i += EVENT_BATCH) {
    const batch = history.events.slice(i, i + EVENT_BATCH);
    await events.insert(
      batch.map((e) => ({ ...e, kind: 'STATE' as const, meterHours: null, seq: null })),
      tenants,
    );
  }
  await seedOpenOrders(db, nowMs);
  const billingRuns = await seedContracts(db, stores, history, nowMs);
  return {
    seeded: true,
    events: history.events.length,
    orders: history.orders.length,
    visits: history.visits.length,
    answers: history.answers.length,
    billingRuns,
    ms: Date.now() - started,
  };
}

async function seedRegistry(db: SqlDatabase, history: DemoHistory): Promise<void> {
  const registry = new DeviceRegistryService(new DeviceRepository(db));
  for (const c of DEMO_CUSTOMERS) {
    await ensureTenant(db, c.tenantId);
    for (const a of c.assets)
      await registry.provision(PROVIDER_SCOPE, {
        id: a.id,
        type: 'turbofan',
        tenantId: c.tenantId,
      });
  }
  await new AssetHistoryImport(db).backdate(
    DEMO_CUSTOMERS.flatMap((c) =>
      c.assets.map((a) => ({
        assetId: a.id,
        registeredAt: history.todayMs - a.sinceDays * DAY_MS,
        lastSeen: history.lastSeen.get(a.id) ?? null,
      })),
    ),
  );
}

async function seedNetwork(db: SqlDatabase, history: DemoHistory): Promise<void> {
  const partners = new PartnerRepository(db);
  const certifiedFrom = new Date(history.startMs).toISOString();
  for (const p of DEMO_PARTNERS)
    await partners.insert({ ...p, skills: ['turbofan'], certifiedFrom, certifiedTo: null });
  for (const t of DEMO_TECHNICIANS)
    await partners.insertTechnician({
      ...t,
      skills: ['turbofan'],
      certifiedFrom,
      certifiedTo: null,
    });
  await importCompletedOrders(db, history.orders);
  const visits = new VisitRepository(db);
  for (const v of history.visits)
    await visits.insert({
      orderId: v.orderId,
      technicianId: v.technicianId,
      arrivedAt: new Date(v.arrivedAt).toISOString(),
      departedAt: new Date(v.departedAt).toISOString(),
      outcome: v.outcome,
      recordedBy: v.technicianId,
    });
  const answers = new NpsAnswerRepository(db);
  for (const a of history.answers)
    await answers.insertIfNone({
      ...a,
      comment: null,
      answeredBy: `${a.tenantId}-customer`,
      orderCompletedAt: new Date(a.orderCompletedAt).toISOString(),
      answeredAt: new Date(a.answeredAt).toISOString(),
    });
}

/** Southbay's overdue order and Eastgate's order due next week: the open work the health score weighs. */
async function seedOpenOrders(db: SqlDatabase, nowMs: number): Promise<void> {
  const tasks = new TaskRepository(db);
  for (const [tenantId, assetId, dueInDays] of [
    ['southbay', 'sb-1', -5],
    ['eastgate', 'eg-1', 7],
  ] as const)
    await tasks.openIfNone({
      tenantId,
      assetId,
      assetType: 'turbofan',
      component: 'hpc-module',
      priority: 'HIGH',
      predictedRul: null,
      risk: null,
      modelVersion: null,
      replaceBy: new Date(nowMs + dueInDays * DAY_MS),
      source: 'RULE',
      sourceRef: 'demo',
    });
}

/** One fleet contract per customer from the start of the history, and its last 12 months billed. */
async function seedContracts(
  db: SqlDatabase,
  stores: BillingStores,
  history: DemoHistory,
  nowMs: number,
): Promise<number> {
  const contracts = new ContractService(stores);
  const runs = new BillingRunService(db, stores);
  const current = periodContaining('UTC', nowMs).id;
  let rated = 0;
  for (const c of DEMO_CUSTOMERS) {
    await contracts.create(PROVIDER_SCOPE, ACTOR, {
      id: c.contractId,
      name: `${c.tenantId}: power by the hour`,
      tenantId: c.tenantId,
      fleet: true,
      effectiveFrom: new Date(history.startMs).toISOString(),
      terms: {
        tz: 'UTC',
        currency: 'EUR',
        ratePerHour: c.ratePerHour,
        slaTarget: c.slaTarget,
        creditBands: c.creditBands,
        maxUnknownFraction: '1',
      },
    });
    for (let k = BILLED_MONTHS; k >= 1; k--) {
      // The cutoff is the clock: the events were received while seeding, after `nowMs`.
      await runs.rate(PROVIDER_SCOPE, c.contractId, shiftPeriodId(current, -k), { actor: ACTOR });
      rated++;
    }
  }
  return rated;
}
