import type { FleetAsset, FleetAssets, OrderRaiser } from '@hourglass/maintenance-rules';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import type { MaintenancePlan } from './maintenance-plan';
import type { MaintenancePlanRepository } from './maintenance-plan.repository';
import { localDate, startOfLocalDay } from './plan-calendar';
import type { PlanCycle, PlanCycleRepository } from './plan-cycle.repository';
import {
  decideReminders,
  isOrderDue,
  projectDue,
  reminderSlots,
  type UsageFigures,
} from './plan-schedule';
import type { OrderCompletions, PlanEvents, UsageSource } from './plan.ports';

/** The cycle bookkeeping a round needs ({@link PlanCycleRepository} in SQL). */
export type PlanCycleStore = Pick<
  PlanCycleRepository,
  | 'current'
  | 'start'
  | 'saveProjection'
  | 'setOrder'
  | 'close'
  | 'claimReminder'
  | 'releaseReminder'
  | 'reminders'
>;

/** What a plan round works with. */
export interface PlanSchedulingDeps {
  plans: Pick<MaintenancePlanRepository, 'list'>;
  cycles: PlanCycleStore;
  assets: FleetAssets;
  usage: UsageSource;
  completions: OrderCompletions;
  orders: OrderRaiser;
  events: PlanEvents;
  clock?: () => Date;
  log?: (line: string) => void;
}

/** Settings of a plan round (documented defaults). */
export interface PlanSchedulingOptions {
  /** Days of recent usage the hours-based projection's rate is taken over (default 30). */
  usageWindowDays: number;
}

export const DEFAULT_PLAN_SCHEDULING_OPTIONS: PlanSchedulingOptions = { usageWindowDays: 30 };

/** What one round did. */
export interface PlanRoundResult {
  assets: number;
  remindersSent: number;
  ordersRaised: number;
  cyclesClosed: number;
}

const DAY_MS = 86_400_000;

/**
 * One round of maintenance plans: for every enabled plan and each of its assets, closes the interval
 * whose order was completed (the next one counts from the completion), projects the due date from
 * the calendar and the asset's recent operating hours, sends the reminders whose local day has come
 * (each once: claimed in SQL before it is emitted) and raises the order at the lead time.
 */
export class PlanSchedulingJob {
  private readonly options: PlanSchedulingOptions;

  constructor(
    private readonly deps: PlanSchedulingDeps,
    options: Partial<PlanSchedulingOptions> = {},
  ) {
    this.options = { ...DEFAULT_PLAN_SCHEDULING_OPTIONS, ...options };
  }

  async run(): Promise<PlanRoundResult> {
    const now = (this.deps.clock ?? (() => new Date()))();
    const result: PlanRoundResult = {
      assets: 0,
      remindersSent: 0,
      ordersRaised: 0,
      cyclesClosed: 0,
    };
    for (const plan of await this.deps.plans.list(PROVIDER_SCOPE, { enabled: true })) {
      const current = await this.deps.cycles.current(plan.id);
      for (const asset of await this.assetsOf(plan)) {
        await this.advance(plan, asset, current.get(asset.id), now, result);
        result.assets++;
      }
    }
    return result;
  }

  private async assetsOf(plan: MaintenancePlan): Promise<FleetAsset[]> {
    const scope = tenantScope(plan.tenantId);
    if (plan.target.assetId !== undefined) {
      const asset = await this.deps.assets.get(scope, plan.target.assetId);
      return asset ? [asset] : [];
    }
    return this.deps.assets.ofType(scope, plan.target.assetType);
  }

  private async advance(
    plan: MaintenancePlan,
    asset: FleetAsset,
    stored: PlanCycle | undefined,
    now: Date,
    result: PlanRoundResult,
  ): Promise<void> {
    let cycle =
      stored ?? (await this.deps.cycles.start(plan.id, asset.id, 1, new Date(plan.startsAt)));
    if (cycle.orderId !== null && cycle.closedAt === null) {
      const order = await this.deps.completions.orderState(plan.tenantId, cycle.orderId);
      if (order.state === 'CLOSED') {
        await this.deps.cycles.close(cycle, order.closedAt, order.done);
        cycle = { ...cycle, closedAt: order.closedAt.toISOString() };
        result.cyclesClosed++;
      }
    }
    if (cycle.closedAt !== null)
      cycle = await this.deps.cycles.start(
        plan.id,
        asset.id,
        cycle.cycle + 1,
        new Date(cycle.closedAt),
      );
    const anchorMs = Date.parse(cycle.anchorAt);
    const usage =
      plan.intervalHours === null ? null : await this.usageOf(plan, asset, anchorMs, now);
    const due = projectDue(plan, anchorMs, now.getTime(), usage);
    await this.deps.cycles.saveProjection(cycle, due, usage, now);
    if (!due || now.getTime() < anchorMs) return;
    result.remindersSent += await this.remind(plan, cycle, due.dueDate, now);
    if (cycle.orderId === null && isOrderDue(plan, due.dueDate, now.getTime())) {
      if (await this.raise(plan, asset, cycle, due.dueDate, now)) result.ordersRaised++;
    }
  }

  private async usageOf(
    plan: MaintenancePlan,
    asset: FleetAsset,
    anchorMs: number,
    now: Date,
  ): Promise<UsageFigures> {
    const windowStart = new Date(now.getTime() - this.options.usageWindowDays * DAY_MS);
    const [sinceAnchor, recent] = await Promise.all([
      this.deps.usage.operatingHours(plan.tenantId, asset.id, new Date(anchorMs), now),
      this.deps.usage.operatingHours(plan.tenantId, asset.id, windowStart, now),
    ]);
    return { hoursSinceAnchor: sinceAnchor, hoursPerDay: recent / this.options.usageWindowDays };
  }

  /** Sends the reminder due now, if any; 1 when one went out. */
  private async remind(
    plan: MaintenancePlan,
    cycle: PlanCycle,
    dueDate: string,
    now: Date,
  ): Promise<number> {
    const recorded = await this.deps.cycles.reminders(plan.id, [cycle]);
    const done = new Set(
      (recorded.get(`${cycle.assetId}/${cycle.cycle}`) ?? []).map((r) => r.daysBefore),
    );
    const decision = decideReminders(
      reminderSlots(plan, dueDate),
      now.getTime(),
      localDate(plan.timeZone, Date.parse(cycle.anchorAt)),
      done,
    );
    for (const slot of decision.skip)
      await this.deps.cycles.claimReminder(cycle, slot, dueDate, true, now);
    const slot = decision.send;
    if (!slot || !(await this.deps.cycles.claimReminder(cycle, slot, dueDate, false, now)))
      return 0;
    try {
      await this.deps.events.emit({
        type: 'plan.reminder',
        planId: plan.id,
        planName: plan.name,
        tenantId: plan.tenantId,
        assetId: cycle.assetId,
        component: plan.component,
        cycle: cycle.cycle,
        daysBefore: slot.daysBefore,
        reminderDate: slot.date,
        dueDate,
        timeZone: plan.timeZone,
      });
      return 1;
    } catch (error) {
      await this.deps.cycles.releaseReminder(cycle, slot.daysBefore);
      this.deps.log?.(
        `plans: reminder of ${plan.id} for ${cycle.assetId} not sent: ${(error as Error).message}`,
      );
      return 0;
    }
  }

  private async raise(
    plan: MaintenancePlan,
    asset: FleetAsset,
    cycle: PlanCycle,
    dueDate: string,
    now: Date,
  ): Promise<boolean> {
    const order = await this.deps.orders.raise({
      tenantId: plan.tenantId,
      assetId: asset.id,
      component: plan.component,
      source: 'PLAN',
      sourceRef: plan.id,
      priority: plan.priority,
      dueBy: new Date(startOfLocalDay(plan.timeZone, dueDate)),
      reason: `plan "${plan.name}" due ${dueDate} (${plan.timeZone})`,
    });
    if (!order) return false;
    await this.deps.cycles.setOrder(cycle, order.orderId, now);
    const event = {
      planId: plan.id,
      tenantId: plan.tenantId,
      assetId: asset.id,
      component: plan.component,
      cycle: cycle.cycle,
      dueDate,
    };
    await this.deps.events
      .emit({ type: 'plan.order-raised', ...event, orderId: order.orderId, created: order.created })
      .catch((error: Error) =>
        this.deps.log?.(`plans: order event of ${plan.id} not sent: ${error.message}`),
      );
    this.deps.log?.(
      `plans: ${plan.name} on ${asset.id}: order ${order.orderId}${order.created ? '' : ' (already open)'} for ${dueDate}`,
    );
    return order.created;
  }
}
