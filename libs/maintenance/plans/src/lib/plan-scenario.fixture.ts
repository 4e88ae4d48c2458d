import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MaintenancePlan } from './maintenance-plan';
import type { PlanCycle, RecordedReminder } from './plan-cycle.repository';
import { PlanSchedulingJob, type PlanCycleStore } from './plan-scheduling.job';
import type { PlanEvent } from './plan.ports';

/** One scenario file of `scenarios/`: a plan, a constant usage rate, rounds, completions and what must happen. */
export interface PlanScenario {
  name: string;
  plan: Pick<
    MaintenancePlan,
    'intervalDays' | 'intervalHours' | 'leadDays' | 'reminderDays' | 'timeZone' | 'startsAt'
  >;
  /** Operating hours per day, constant at all times. */
  hoursPerDay: number;
  rounds: { from: string; to: string; everyMinutes: number };
  /** When the n-th order raised (1-based) is completed. */
  completions?: Array<{ order: number; at: string }>;
  expect: {
    reminders: Array<{ cycle: number; daysBefore: number; date: string; sentAt: string }>;
    orders: Array<{ cycle: number; dueDate: string; raisedAt: string }>;
  };
}

export function loadPlanScenarios(): PlanScenario[] {
  const dir = join(__dirname, 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as PlanScenario);
}

/** Cycles and reminders in memory, with the SQL repository's semantics. */
export class InMemoryPlanCycles implements PlanCycleStore {
  readonly cycles: PlanCycle[] = [];
  readonly recorded = new Map<string, RecordedReminder[]>();

  async current(planId: string): Promise<Map<string, PlanCycle>> {
    const latest = new Map<string, PlanCycle>();
    for (const c of this.cycles)
      if (c.planId === planId && (latest.get(c.assetId)?.cycle ?? 0) < c.cycle)
        latest.set(c.assetId, { ...c });
    return latest;
  }
  async start(planId: string, assetId: string, cycle: number, anchor: Date): Promise<PlanCycle> {
    let c = this.find({ planId, assetId, cycle });
    if (!c) {
      c = {
        planId,
        assetId,
        cycle,
        anchorAt: anchor.toISOString(),
        projection: null,
        orderId: null,
        orderRaisedAt: null,
        closedAt: null,
        orderDone: null,
      };
      this.cycles.push(c);
    }
    return { ...c };
  }
  async saveProjection(
    c: PlanCycle,
    due: { dueDate: string; basis: 'DAYS' | 'HOURS' } | null,
    usage: { hoursSinceAnchor: number; hoursPerDay: number } | null,
    at: Date,
  ) {
    this.must(c).projection = due && {
      ...due,
      hoursSinceAnchor: usage?.hoursSinceAnchor ?? null,
      hoursPerDay: usage?.hoursPerDay ?? null,
      projectedAt: at.toISOString(),
    };
  }
  async setOrder(c: PlanCycle, orderId: string, at: Date) {
    Object.assign(this.must(c), { orderId, orderRaisedAt: at.toISOString() });
  }
  async close(c: PlanCycle, closedAt: Date, done: boolean) {
    Object.assign(this.must(c), { closedAt: closedAt.toISOString(), orderDone: done });
  }
  async claimReminder(
    c: PlanCycle,
    slot: { daysBefore: number; date: string },
    dueDate: string,
    skipped: boolean,
    at: Date,
  ) {
    const list = this.list(c);
    if (list.some((r) => r.daysBefore === slot.daysBefore)) return false;
    list.push({
      daysBefore: slot.daysBefore,
      reminderDate: slot.date,
      dueDate,
      skipped,
      recordedAt: at.toISOString(),
    });
    return true;
  }
  async releaseReminder(c: PlanCycle, daysBefore: number) {
    this.recorded.set(
      this.key(c),
      this.list(c).filter((r) => r.daysBefore !== daysBefore),
    );
  }
  async reminders(_planId: string, cycles: ReadonlyArray<Pick<PlanCycle, 'assetId' | 'cycle'>>) {
    return new Map(cycles.map((c) => [`${c.assetId}/${c.cycle}`, [...this.list(c)]]));
  }
  private key = (c: Pick<PlanCycle, 'assetId' | 'cycle'>) => `${c.assetId}/${c.cycle}`;
  private list(c: Pick<PlanCycle, 'assetId' | 'cycle'>): RecordedReminder[] {
    const list = this.recorded.get(this.key(c)) ?? [];
    this.recorded.set(this.key(c), list);
    return list;
  }
  private find(k: Pick<PlanCycle, 'planId' | 'assetId' | 'cycle'>) {
    return this.cycles.find(
      (c) => c.planId === k.planId && c.assetId === k.assetId && c.cycle === k.cycle,
    );
  }
  private must(k: PlanCycle): PlanCycle {
    const c = this.find(k);
    if (!c) throw new Error(`no cycle ${k.assetId}/${k.cycle}`);
    return c;
  }
}

const DAY_MS = 86_400_000;

/** Runs a scenario's rounds through {@link PlanSchedulingJob} with in-memory ports; what happened. */
export async function runPlanScenario(s: PlanScenario) {
  let now = new Date(s.rounds.from);
  const plan: MaintenancePlan = {
    ...s.plan,
    id: 'plan-1',
    tenantId: 'acme',
    name: s.name,
    target: { assetId: 'pump-1' },
    component: 'filter',
    priority: 'MEDIUM',
    enabled: true,
    createdBy: 'test',
    createdAt: s.plan.startsAt,
    updatedAt: s.plan.startsAt,
  };
  const cycles = new InMemoryPlanCycles();
  const orders: Array<{ id: string; raisedAt: string }> = [];
  const events: Array<{ at: string; event: PlanEvent }> = [];
  const closedAt = (id: string) => s.completions?.find((c) => `order-${c.order}` === id)?.at;
  const job = new PlanSchedulingJob({
    plans: { list: async () => [plan] },
    cycles,
    assets: {
      ofType: async () => [],
      get: async () => ({ id: 'pump-1', tenantId: 'acme', type: 'pump' }),
    },
    usage: {
      operatingHours: async (_t, _a, from, to) =>
        (s.hoursPerDay * (to.getTime() - from.getTime())) / DAY_MS,
    },
    completions: {
      orderState: async (_t, id) => {
        const at = closedAt(id);
        return at && Date.parse(at) <= now.getTime()
          ? { state: 'CLOSED', closedAt: new Date(at), done: true }
          : { state: 'OPEN' };
      },
    },
    orders: {
      raise: async () => {
        orders.push({ id: `order-${orders.length + 1}`, raisedAt: now.toISOString() });
        return { orderId: orders[orders.length - 1].id, created: true };
      },
    },
    events: { emit: async (event) => void events.push({ at: now.toISOString(), event }) },
    clock: () => now,
  });
  for (
    ;
    now.getTime() <= Date.parse(s.rounds.to);
    now = new Date(now.getTime() + s.rounds.everyMinutes * 60_000)
  )
    await job.run();
  const reminders = events.flatMap(({ at, event }) =>
    event.type === 'plan.reminder'
      ? [{ cycle: event.cycle, daysBefore: event.daysBefore, date: event.reminderDate, sentAt: at }]
      : [],
  );
  const raised = events.flatMap(({ at, event }) =>
    event.type === 'plan.order-raised'
      ? [{ cycle: event.cycle, dueDate: event.dueDate, raisedAt: at }]
      : [],
  );
  return { reminders, orders: raised, cycles };
}
