import type {
  LifecycleStageName,
  LifecycleStagesResponse,
  StageMovementResponse,
  TouchResponse,
} from '@hourglass/contracts-api';

const DAY_MS = 86_400_000;

/** Days back the calendar reads, so touches left open that long still show as overdue. */
export const OVERDUE_DAYS = 60;
/** Days ahead the calendar reads. */
export const AHEAD_DAYS = 90;

/** The calendar's groups, in the order the screen shows them. */
export const TOUCH_GROUPS = ['overdue', 'thisWeek', 'later', 'recorded'] as const;
export type TouchGroup = (typeof TOUCH_GROUPS)[number];

/** The stages in the order a customer moves on through them. */
export const STAGE_ORDER: readonly LifecycleStageName[] = [
  'ONBOARDING',
  'ACTIVATION',
  'RETENTION',
  'EXPANSION',
  'ADVOCACY',
];

/** The start of the UTC day of `ms` (keeps the request path stable for a day). */
const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** The window the calendar reads: `OVERDUE_DAYS` back to `AHEAD_DAYS` ahead, whole UTC days. */
export function calendarWindow(nowMs: number): { from: string; to: string } {
  const today = dayStart(nowMs);
  return {
    from: new Date(today - OVERDUE_DAYS * DAY_MS).toISOString(),
    to: new Date(today + (AHEAD_DAYS + 1) * DAY_MS).toISOString(),
  };
}

/** `GET /api/touches` and `GET /api/lifecycle-stages` paths of the window around `nowMs`. */
export function calendarPaths(nowMs: number): { touches: string; stages: string } {
  const { from, to } = calendarWindow(nowMs);
  const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return { touches: `/api/touches?${q}`, stages: `/api/lifecycle-stages?${q}` };
}

/**
 * The group of a touch at `nowMs`: one with an outcome is `recorded` once due (before, it stays
 * where it is due, outcome shown); an open one past its due time is `overdue`; due within the
 * next 7 days is `thisWeek`; after that `later`.
 */
export function touchGroup(touch: TouchResponse, nowMs: number): TouchGroup {
  const due = Date.parse(touch.dueAt);
  if (due < nowMs) return touch.outcome ? 'recorded' : 'overdue';
  return due < nowMs + 7 * DAY_MS ? 'thisWeek' : 'later';
}

/**
 * The touches by group, each group by due time (earliest first; the most recent first for
 * `recorded`), ties by customer then id so the order is stable between reads.
 */
export function groupTouches(
  touches: readonly TouchResponse[],
  nowMs: number,
): Record<TouchGroup, TouchResponse[]> {
  const groups: Record<TouchGroup, TouchResponse[]> = {
    overdue: [],
    thisWeek: [],
    later: [],
    recorded: [],
  };
  for (const t of touches) groups[touchGroup(t, nowMs)].push(t);
  const byDue = (a: TouchResponse, b: TouchResponse) =>
    Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
    a.tenantId.localeCompare(b.tenantId) ||
    a.id.localeCompare(b.id);
  for (const g of TOUCH_GROUPS) groups[g].sort(byDue);
  groups.recorded.reverse();
  return groups;
}

/** The console path of a touch's subject (an order opens the orders screen). */
export function subjectPath(subject: TouchResponse['subject']): string {
  const id = encodeURIComponent(subject.id);
  if (subject.kind === 'asset') return `/assets/${id}`;
  if (subject.kind === 'contract') return `/contracts/${id}`;
  return '/orders';
}

/** Every stage in order, a stage the API left out as zeros; the customers in each stage. */
export function stageRows(
  report: LifecycleStagesResponse,
): Array<StageMovementResponse & { tenants: string[] }> {
  return STAGE_ORDER.map((stage) => {
    const found = report.stages.find((s) => s.stage === stage);
    return {
      ...(found ?? { stage, customers: 0, entered: 0, movedOn: 0, fellBack: 0, lost: 0 }),
      tenants: report.customers
        .filter((c) => c.stage === stage)
        .map((c) => c.tenantId)
        .sort(),
    };
  });
}
