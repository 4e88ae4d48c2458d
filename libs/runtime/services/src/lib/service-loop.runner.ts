import {
  MaintenancePlanRepository,
  NO_PLAN_EVENTS,
  PlanCycleRepository,
  PlanSchedulingJob,
  type PlanEvents,
} from '@hourglass/maintenance-plans';
import {
  RuleEvaluationJob,
  RuleRepository,
  RuleStateRepository,
} from '@hourglass/maintenance-rules';
import {
  EscalationJob,
  EscalationRepository,
  NO_WORK_ORDER_EVENTS,
  type EscalationOptions,
  type WorkOrderEvents,
} from '@hourglass/maintenance-tasks';
import { PeriodicTask } from './periodic-task';
import type { PlanNotifications } from './plan-notifications';
import { notifyingWorkOrderEvents } from './work-order-events.adapter';
import type { WorkOrderNotifications } from './work-order-notifications';
import type { RuntimeContext } from './runtime-context';
import {
  registryFleetAssets,
  stateEventUsage,
  taskOrderCompletions,
  taskOrderRaiser,
} from './service-loop.adapters';

/** How often the service loop's rounds run, and where plan events go. */
export interface ServiceLoopOptions {
  /** Rule round interval (default 60 s). */
  ruleIntervalMs: number;
  /** Plan round interval (default 5 min: a reminder goes out at most this long after its local day begins). */
  planIntervalMs: number;
  /** Plan reminders and order events (default: nowhere, until notifications are wired). */
  events: PlanEvents;
  /** Escalation round interval (default 60 s). */
  escalationIntervalMs: number;
  /** When orders escalate (the tasks lib's `DEFAULT_ESCALATION_OPTIONS`: 4 h to acknowledge, overdue at the planned date). */
  escalation: Partial<EscalationOptions>;
  /** Where work-order events of this process go: raises, escalations (default: `notifications`, else nowhere). */
  orderEvents: WorkOrderEvents;
  /** The notifications plan events and order events go to when `events`/`orderEvents` are not given. */
  notifications: { workOrders: WorkOrderNotifications; plans: PlanNotifications };
}

/** The rule and plan rounds, running. */
export interface RunningServiceLoop {
  rules: PeriodicTask;
  plans: PeriodicTask;
  escalations: PeriodicTask;
  stop(): Promise<void>;
}

/** Starts the rule condition and maintenance plan rounds on the process's database and telemetry store. */
export function startServiceLoop(
  ctx: RuntimeContext,
  options: Partial<ServiceLoopOptions> = {},
): RunningServiceLoop {
  const assets = registryFleetAssets(ctx.db);
  const { notifications } = options;
  const orderEvents =
    options.orderEvents ??
    (notifications ? notifyingWorkOrderEvents(notifications.workOrders) : NO_WORK_ORDER_EVENTS);
  const orders = taskOrderRaiser(ctx.db, orderEvents);
  const ruleJob = new RuleEvaluationJob({
    rules: new RuleRepository(ctx.db),
    states: new RuleStateRepository(ctx.db),
    assets,
    telemetry: ctx.telemetry,
    orders,
    log: ctx.log,
  });
  const planJob = new PlanSchedulingJob({
    plans: new MaintenancePlanRepository(ctx.db),
    cycles: new PlanCycleRepository(ctx.db),
    assets,
    usage: stateEventUsage(ctx.db),
    completions: taskOrderCompletions(ctx.db),
    orders,
    events: options.events ?? notifications?.plans ?? NO_PLAN_EVENTS,
    log: ctx.log,
  });
  const rules = new PeriodicTask(
    'rules',
    options.ruleIntervalMs ?? 60_000,
    async () => void (await ruleJob.run()),
    ctx.log,
    ctx.metrics,
  ).start();
  const plans = new PeriodicTask(
    'plans',
    options.planIntervalMs ?? 300_000,
    async () => void (await planJob.run()),
    ctx.log,
    ctx.metrics,
  ).start();
  const escalationJob = new EscalationJob(
    { store: new EscalationRepository(ctx.db), events: orderEvents },
    options.escalation,
  );
  const escalations = new PeriodicTask(
    'escalations',
    options.escalationIntervalMs ?? 60_000,
    async () => void (await escalationJob.run()),
    ctx.log,
    ctx.metrics,
  ).start();
  return {
    rules,
    plans,
    escalations,
    stop: async () => {
      await rules.stop();
      await plans.stop();
      await escalations.stop();
    },
  };
}
