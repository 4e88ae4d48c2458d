/**
 * Operating hours of an asset (RUN time from billing's state events). Declared here: maintenance
 * may not read billing; the composition root passes an adapter on billing-records' API.
 */
export interface UsageSource {
  /** Operating hours of `assetId` in `[from, to)`. */
  operatingHours(tenantId: string, assetId: string, from: Date, to: Date): Promise<number>;
}

/** Where an order a plan raised stands: open, or closed (done or cancelled) at a time. */
export type PlanOrderState = { state: 'OPEN' } | { state: 'CLOSED'; closedAt: Date; done: boolean };

/**
 * The state of orders a plan raised (by the ids the raiser returned): the next interval counts from
 * the completion of the last one. An order that no longer exists counts as closed now.
 */
export interface OrderCompletions {
  orderState(tenantId: string, orderId: string): Promise<PlanOrderState>;
}

/** A reminder that a plan's interval falls due on an asset. */
export interface PlanReminderEvent {
  type: 'plan.reminder';
  planId: string;
  planName: string;
  tenantId: string;
  assetId: string;
  component: string;
  cycle: number;
  daysBefore: number;
  /** Local dates in `timeZone`. */
  reminderDate: string;
  dueDate: string;
  timeZone: string;
}

/** A plan raised (or found open) the order of an interval. */
export interface PlanOrderEvent {
  type: 'plan.order-raised';
  planId: string;
  tenantId: string;
  assetId: string;
  component: string;
  cycle: number;
  orderId: string;
  created: boolean;
  dueDate: string;
}

export type PlanEvent = PlanReminderEvent | PlanOrderEvent;

/**
 * Where plan events go (webhooks and MQTT, wired by the notifications work). A rejection of a
 * reminder releases it, so the next round sends it again.
 */
export interface PlanEvents {
  emit(event: PlanEvent): Promise<void>;
}

/** Plan events nowhere: until notifications are wired. */
export const NO_PLAN_EVENTS: PlanEvents = { emit: async () => undefined };
