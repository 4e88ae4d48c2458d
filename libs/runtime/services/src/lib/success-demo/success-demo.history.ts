import type { CompletedOrderHistory } from '@hourglass/maintenance-tasks';

const DAY_MS = 86_400_000;
const SLOT_MS = 15 * 60_000;
/** Days of history before now: a year, and the start of the month before it. */
export const HISTORY_DAYS = 380;

/** The three shapes of customer the demo tells apart. */
export type DemoShape = 'GROWING' | 'DECLINING' | 'MISSED_SLA';

/** One demo customer: its tenant, region, partner, contract terms and how its year went. */
export interface DemoCustomer {
  tenantId: string;
  shape: DemoShape;
  region: string;
  partnerId: string;
  contractId: string;
  ratePerHour: string;
  slaTarget: string;
  /** Service credits when availability falls under the target (fractions of the base). */
  creditBands: Array<{ lo: string; hi: string; pct: string }>;
  /** Assets: id and how many days before now each was registered. */
  assets: Array<{ id: string; sinceDays: number; silentDays: number }>;
  /** Operating hours per day at the start of the year and now. */
  hoursFrom: number;
  hoursTo: number;
  /** Fault hours per day over the last `faultDays` days. */
  faultHours: number;
  faultDays: number;
  /** Days between orders per asset, their cost range (EUR) and the share needing a second visit. */
  orderEveryDays: number;
  cost: [number, number];
  revisitShare: number;
  /** The NPS answers this customer tends to give (picked at random per order). */
  scores: number[];
}

export const DEMO_PARTNERS = [
  { id: 'partner-north', name: 'Nordic Turbine Service', regions: ['north'] },
  { id: 'partner-south', name: 'Southern Field Engineering', regions: ['south'] },
];

/** The provider's own technician (null partner) and two per partner. */
export const DEMO_TECHNICIANS = [
  { id: 'tech-own-1', name: 'Own team: Ana', partnerId: null, regions: ['north', 'south'] },
  { id: 'tech-pn-1', name: 'Nordic: Björn', partnerId: 'partner-north', regions: ['north'] },
  { id: 'tech-pn-2', name: 'Nordic: Kari', partnerId: 'partner-north', regions: ['north'] },
  { id: 'tech-ps-1', name: 'Southern: Luca', partnerId: 'partner-south', regions: ['south'] },
  { id: 'tech-ps-2', name: 'Southern: Marta', partnerId: 'partner-south', regions: ['south'] },
];

const bands = [
  { lo: '0', hi: '0.9', pct: '0.25' },
  { lo: '0.9', hi: '0.98', pct: '0.1' },
];

/**
 * The demo's customers. Northwind grows (hours rising, two engines added this year); Southbay
 * declines (hours falling, faults of late, two engines silent for 12 days, unhappy answers);
 * Eastgate misses its SLA (faults every day for four months, credits, costly repeat visits).
 */
export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    tenantId: 'northwind',
    shape: 'GROWING',
    region: 'north',
    partnerId: 'partner-north',
    contractId: 'northwind-service',
    ratePerHour: '120.00',
    slaTarget: '0.97',
    creditBands: bands,
    assets: [
      { id: 'nw-1', sinceDays: HISTORY_DAYS, silentDays: 0 },
      { id: 'nw-2', sinceDays: HISTORY_DAYS, silentDays: 0 },
      { id: 'nw-3', sinceDays: HISTORY_DAYS, silentDays: 0 },
      { id: 'nw-4', sinceDays: 120, silentDays: 0 },
      { id: 'nw-5', sinceDays: 45, silentDays: 0 },
    ],
    hoursFrom: 2.5,
    hoursTo: 5.5,
    faultHours: 0,
    faultDays: 0,
    orderEveryDays: 90,
    cost: [800, 1500],
    revisitShare: 0.1,
    scores: [9, 10, 10, 9, 8],
  },
  {
    tenantId: 'southbay',
    shape: 'DECLINING',
    region: 'south',
    partnerId: 'partner-south',
    contractId: 'southbay-service',
    ratePerHour: '120.00',
    slaTarget: '0.97',
    creditBands: bands,
    assets: [
      { id: 'sb-1', sinceDays: HISTORY_DAYS, silentDays: 0 },
      { id: 'sb-2', sinceDays: HISTORY_DAYS, silentDays: 0 },
      { id: 'sb-3', sinceDays: HISTORY_DAYS, silentDays: 12 },
      { id: 'sb-4', sinceDays: HISTORY_DAYS, silentDays: 12 },
    ],
    hoursFrom: 6,
    hoursTo: 1.5,
    faultHours: 0.25,
    faultDays: 125,
    orderEveryDays: 120,
    cost: [900, 1600],
    revisitShare: 0.25,
    scores: [5, 6, 4, 7],
  },
  {
    tenantId: 'eastgate',
    shape: 'MISSED_SLA',
    region: 'south',
    partnerId: 'partner-south',
    contractId: 'eastgate-service',
    ratePerHour: '45.00',
    slaTarget: '0.98',
    creditBands: bands,
    assets: [
      { id: 'eg-1', sinceDays: HISTORY_DAYS, silentDays: 0 },
      { id: 'eg-2', sinceDays: HISTORY_DAYS, silentDays: 0 },
    ],
    hoursFrom: 4,
    hoursTo: 4,
    faultHours: 1.5,
    faultDays: 125,
    orderEveryDays: 14,
    cost: [1700, 2700],
    revisitShare: 0.4,
    scores: [7, 8, 6, 8],
  },
];

/** A state event as billing stores it. */
export interface DemoStateEvent {
  assetId: string;
  observedAtMs: number;
  state: 'RUN' | 'STANDBY' | 'FAULT';
}

/** A visit of a seeded order. */
export interface DemoVisit {
  orderId: string;
  technicianId: string;
  arrivedAt: number;
  departedAt: number;
  outcome: 'FIXED' | 'NEEDS_ANOTHER_VISIT';
}

/** An NPS answer the customer gave after a seeded order. */
export interface DemoAnswer {
  taskId: string;
  tenantId: string;
  assetId: string;
  score: number;
  orderCompletedAt: number;
  answeredAt: number;
  partnerId: string | null;
  region: string;
}

/** The year the demo seeds, as data. */
export interface DemoHistory {
  /** Midnight UTC of the seeding day, and of the first day of the history. */
  todayMs: number;
  startMs: number;
  events: DemoStateEvent[];
  orders: CompletedOrderHistory[];
  visits: DemoVisit[];
  answers: DemoAnswer[];
  lastSeen: Map<string, number>;
}

/** A small seeded generator (mulberry32): the same seed gives the same year. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The year of history before `nowMs`: 15-minute heartbeats while each engine runs (06:00 UTC on),
 * FAULT heartbeats first on fault days, a STANDBY event at the end of the shift; orders, their
 * visits and the answers to the NPS question. Deterministic for a given `nowMs` and `seed`.
 */
export function buildDemoHistory(nowMs: number, seed = 15): DemoHistory {
  const random = seededRandom(seed);
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const history: DemoHistory = {
    todayMs: today,
    startMs: today - HISTORY_DAYS * DAY_MS,
    events: [],
    orders: [],
    visits: [],
    answers: [],
    lastSeen: new Map(),
  };
  for (const customer of DEMO_CUSTOMERS) {
    for (const asset of customer.assets)
      addAssetYear(history, customer, asset, today, nowMs, random);
  }
  return history;
}

function addAssetYear(
  h: DemoHistory,
  c: DemoCustomer,
  asset: DemoCustomer['assets'][number],
  today: number,
  nowMs: number,
  random: () => number,
): void {
  let last = 0;
  for (let day = asset.sinceDays; day >= asset.silentDays; day--) {
    const shift = today - day * DAY_MS + 6 * 3_600_000;
    if (shift >= nowMs) break;
    const progress = 1 - day / HISTORY_DAYS;
    const hours = c.hoursFrom + (c.hoursTo - c.hoursFrom) * progress + (random() - 0.5);
    const faults = day < c.faultDays ? Math.round(c.faultHours * 4) : 0;
    const runs = Math.max(1, Math.round(hours * 4));
    let at = shift;
    for (let i = 0; i < faults + runs && at < nowMs; i++, at += SLOT_MS)
      h.events.push({ assetId: asset.id, observedAtMs: at, state: i < faults ? 'FAULT' : 'RUN' });
    if (at < nowMs) h.events.push({ assetId: asset.id, observedAtMs: at, state: 'STANDBY' });
    last = Math.min(at, nowMs - 1);
  }
  h.lastSeen.set(asset.id, last);
  addOrders(h, c, asset, today, random);
}

function addOrders(
  h: DemoHistory,
  c: DemoCustomer,
  asset: DemoCustomer['assets'][number],
  today: number,
  random: () => number,
): void {
  const technicians = DEMO_TECHNICIANS.filter(
    (t) => t.partnerId === c.partnerId || t.partnerId === null,
  );
  let n = 0;
  for (
    let day = asset.sinceDays - Math.floor(random() * c.orderEveryDays);
    day > asset.silentDays + 2;
    day -= c.orderEveryDays
  ) {
    const id = `demo-${asset.id}-${++n}`;
    const raisedAt = today - day * DAY_MS + 8 * 3_600_000;
    const tech = technicians[Math.floor(random() * technicians.length)];
    const revisit = random() < c.revisitShare;
    const firstArrival = raisedAt + 20 * 3_600_000;
    const completedAt = firstArrival + (revisit ? DAY_MS : 0) + 3 * 3_600_000;
    const cost = c.cost[0] + Math.round(random() * (c.cost[1] - c.cost[0]));
    h.orders.push({
      id,
      tenantId: c.tenantId,
      assetId: asset.id,
      assetType: 'turbofan',
      component: 'hpc-module',
      priority: 'MEDIUM',
      raisedAt,
      completedAt,
      assignee: tech.id,
      cost: cost.toFixed(2),
      report: {
        outcome: 'DEFECT_CONFIRMED_REPLACED',
        failureCode: 'HPC-MODULE-REPLACED',
        parts: [{ partNumber: 'HPC-MOD-7731', quantity: 1 }],
        labourHours: 4,
      },
    });
    if (revisit) h.visits.push(visit(id, tech.id, firstArrival, 'NEEDS_ANOTHER_VISIT'));
    h.visits.push(visit(id, tech.id, completedAt - 3 * 3_600_000, 'FIXED'));
    h.answers.push({
      taskId: id,
      tenantId: c.tenantId,
      assetId: asset.id,
      score: c.scores[Math.floor(random() * c.scores.length)],
      orderCompletedAt: completedAt,
      answeredAt: completedAt + 2 * 3_600_000,
      partnerId: tech.partnerId,
      region: c.region,
    });
  }
}

const visit = (
  orderId: string,
  technicianId: string,
  arrivedAt: number,
  outcome: DemoVisit['outcome'],
): DemoVisit => ({
  orderId,
  technicianId,
  arrivedAt,
  departedAt: arrivedAt + 3 * 3_600_000,
  outcome,
});
