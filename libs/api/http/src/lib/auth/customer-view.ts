import type { BillingRun, ContractHealth } from '@hourglass/billing-records';
import type { Task } from '@hourglass/maintenance-tasks';
import { outsideProvider, type Caller } from './caller';

/*
 * What a customer user sees (issue 12 item 4, hostile input R2): their tenant's availability,
 * hours, charges, credits and tasks, never the provider's cost side or its staff's names. Routes
 * that are provider-internal as a whole are `@Access('provider-read')`; these strip fields from
 * answers that customers do read.
 */

// Partner users see what customers see of an order (issue 15): never the provider's cost side or staff.
const isCustomer = (caller: Caller) => outsideProvider(caller);

/** A task as the caller may see it: without `cost` (what the work cost the provider) for customers. */
export function taskForCaller(caller: Caller, task: Task): Task | Omit<Task, 'cost'> {
  if (!isCustomer(caller)) return task;
  const { cost: _cost, ...rest } = task;
  return rest;
}

/** Contract health as the caller may see it: customers get no `margin` (revenue against task cost). */
export function healthForCaller(
  caller: Caller,
  health: ContractHealth,
): ContractHealth | Omit<ContractHealth, 'margin'> {
  if (!isCustomer(caller)) return health;
  const { margin: _margin, ...rest } = health;
  return rest;
}

/** Fields naming the provider staff who recorded something (windows, overrides, corrections). */
const STAFF_FIELDS = ['createdBy', 'author'] as const;

/** A calendar window, override or correction as the caller may see it: without the staff's names for customers. */
export function withoutStaffNames<T extends object>(caller: Caller, row: T): T | Partial<T> {
  if (!isCustomer(caller)) return row;
  const copy = { ...row } as Record<string, unknown>;
  for (const field of STAFF_FIELDS) delete copy[field];
  return copy as Partial<T>;
}

/**
 * A calendar window as the caller may see it: for customers without the staff who recorded it, and
 * `approvedBy` only when one of the customer's own users approved it (`provider` otherwise).
 */
export function windowForCaller<T extends { approvedBy: string }>(
  caller: Caller,
  window: T,
  customerUsers: ReadonlySet<string>,
): T | Partial<T> {
  if (!isCustomer(caller)) return window;
  return {
    ...withoutStaffNames(caller, window),
    approvedBy: customerUsers.has(window.approvedBy) ? window.approvedBy : 'provider',
  } as Partial<T>;
}

/**
 * A billing run as the caller may see it: for customers the review's approver is `provider`, not
 * the name of the staff member who approved the held run.
 */
export function runForCaller(caller: Caller, run: BillingRun): BillingRun {
  if (!isCustomer(caller) || !run.review.approvedBy) return run;
  return { ...run, review: { ...run.review, approvedBy: 'provider' } };
}
