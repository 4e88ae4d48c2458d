import type { CustomerContract, OpenOrder } from '../portfolio/portfolio.ports';
import { assetStageAt } from './lifecycle-stages';
import type {
  CustomerStanding,
  LifecycleAsset,
  LifecycleStage,
  Touch,
  TouchRule,
} from './lifecycle.types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The stable id of a touch: rule, subject and due date (UTC day). */
export function touchId(rule: TouchRule, subjectId: string, dueMs: number): string {
  return `${rule}:${subjectId}:${new Date(dueMs).toISOString().slice(0, 10)}`;
}

/** The due day (epoch ms of its UTC midnight) in a touch id, null when the id is malformed. */
export function dueDayOf(id: string): number | null {
  const m = /:(\d{4}-\d{2}-\d{2})$/.exec(id);
  const ms = m ? Date.parse(`${m[1]}T00:00:00Z`) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

type Draft = Omit<Touch, 'id' | 'outcome'>;

function draft(
  rule: TouchRule,
  stage: LifecycleStage,
  tenantId: string,
  subject: Touch['subject'],
  dueMs: number,
  action: string,
): Draft {
  return { tenantId, rule, stage, subject, dueAt: new Date(dueMs).toISOString(), action };
}

/** Onboarding touches (day 0, 3, 7 from commissioning) and the first service's (at completion, +2 h). */
function assetTouches(a: LifecycleAsset): Draft[] {
  const start = Date.parse(a.commissionedAt);
  const subject = { kind: 'asset' as const, id: a.assetId };
  const out = [
    draft(
      'ONBOARDING_WELCOME',
      'ONBOARDING',
      a.tenantId,
      subject,
      start,
      'Welcome the customer and check the device credentials work',
    ),
    draft(
      'ONBOARDING_RUNNING_CHECK',
      'ONBOARDING',
      a.tenantId,
      subject,
      start + 3 * DAY_MS,
      'Ask whether the asset is running as expected',
    ),
    draft(
      'ONBOARDING_USAGE_REVIEW',
      'ONBOARDING',
      a.tenantId,
      subject,
      start + 7 * DAY_MS,
      'Review the first week of usage with the customer',
    ),
  ];
  if (a.firstServiceAt !== null) {
    const done = Date.parse(a.firstServiceAt);
    out.push(
      draft(
        'FIRST_SERVICE_REPORT',
        'ACTIVATION',
        a.tenantId,
        subject,
        done,
        'Hand over the asset health report of the first service',
      ),
      draft(
        'FIRST_SERVICE_SATISFACTION',
        'ACTIVATION',
        a.tenantId,
        subject,
        done + 2 * HOUR_MS,
        'Ask the satisfaction question about the first service',
      ),
    );
  }
  return out;
}

/** Maintenance reminders 30, 15, 7 and 0 days before an open order is due, in the asset's stage then. */
function orderTouches(o: OpenOrder, stageAt: (ms: number) => LifecycleStage | null): Draft[] {
  const due = Date.parse(o.dueBy);
  return [30, 15, 7, 0].map((days) => {
    const at = due - days * DAY_MS;
    const what = days === 0 ? 'is due today' : `is due in ${days} days`;
    return draft(
      'MAINTENANCE_REMINDER',
      stageAt(at) ?? 'ONBOARDING',
      o.tenantId,
      { kind: 'order', id: o.taskId },
      at,
      `Remind the customer: order ${o.taskId} on ${o.assetId} ${what}`,
    );
  });
}

/** Contract renewal touches 90, 60 and 30 days before a recorded contract end. */
function contractTouches(c: CustomerContract): Draft[] {
  if (c.endsAt === null) return [];
  const end = Date.parse(c.endsAt);
  return [90, 60, 30].map((days) =>
    draft(
      'CONTRACT_RENEWAL',
      'EXPANSION',
      c.tenantId,
      { kind: 'contract', id: c.contractId },
      end - days * DAY_MS,
      `Offer the renewal of contract ${c.name}: it ends in ${days} days`,
    ),
  );
}

/** The inputs of {@link touchesDue}. */
export interface TouchInputs {
  assets: readonly LifecycleAsset[];
  standings: readonly CustomerStanding[];
  orders: readonly OpenOrder[];
  contracts: readonly CustomerContract[];
}

/**
 * The touches due in `[fromMs, toMs)` (without outcomes), by due date, then id. Maintenance reminders
 * carry the stage their asset is in when they are due; an order of an unknown asset counts as onboarding.
 */
export function touchesDue(input: TouchInputs, fromMs: number, toMs: number): Touch[] {
  const assets = new Map(input.assets.map((a) => [a.assetId, a]));
  const standing = new Map(input.standings.map((s) => [s.tenantId, s]));
  const drafts = [
    ...input.assets.flatMap(assetTouches),
    ...input.orders.flatMap((o) => {
      const a = assets.get(o.assetId);
      return orderTouches(o, (ms) => (a ? assetStageAt(a, standing.get(a.tenantId), ms) : null));
    }),
    ...input.contracts.flatMap(contractTouches),
  ];
  return drafts
    .filter((d) => Date.parse(d.dueAt) >= fromMs && Date.parse(d.dueAt) < toMs)
    .map((d) => ({ id: touchId(d.rule, d.subject.id, Date.parse(d.dueAt)), ...d, outcome: null }))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
}
