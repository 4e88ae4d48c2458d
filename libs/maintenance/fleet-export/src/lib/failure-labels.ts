import type { Task } from '@hourglass/maintenance-tasks';
import type { Scope } from '@hourglass/platform-tenancy';
import type { FailureLabel } from '@hourglass/risk-training';

/** The outcome the platform itself writes when it closes the tasks of a unit it saw replaced. */
export const PLATFORM_CLOSED_OUTCOME = 'UNIT_REPLACED';

/** An asset's transition into `FAULT`, as billing records it in `state_events`. */
export interface FailureEvent {
  assetId: string;
  /** Epoch ms of the first `FAULT` sample. */
  ts: number;
}

/**
 * Where an export's failures come from: transitions into `FAULT` of the assets in `[fromMs, toMs)`,
 * by their effective state (billing owns the state events and corrections: the composition root
 * passes billing's `FaultTransitionQuery`).
 */
export interface FailureEventSource {
  failureEvents(
    scope: Scope,
    assetIds: readonly string[],
    fromMs: number,
    toMs: number,
  ): Promise<FailureEvent[]>;
}

/** How many labels of each kind an export wrote, and the tasks it left out and why. */
export interface LabelCounts {
  failures: number;
  replacements: number;
  /** Replacements with `confirmedDefect: true` (they end a life that ran to failure). */
  confirmedDefects: number;
  /** DONE tasks left out: a failure of the same asset came between their creation and completion. */
  overtakenTasks: number;
  /** DONE tasks left out: closed by the platform (`UNIT_REPLACED`), not by someone who did the work. */
  platformClosedTasks: number;
}

const NEGATIONS = [
  /\b(no|not|without|non)[\s_-]+(a[\s_-]+)?(confirmed[\s_-]+)?defect/,
  /defect\w*[\s_-]+((was|were|is)[\s_-]+)?(not|un)\b/,
  /\bunconfirmed\b/,
  /\bnot[\s_-]+confirmed\b/,
  /\bno[\s_-]+fault[\s_-]+found\b/,
  /\bnff\b/,
];

/**
 * Whether a task's outcome says the removed part was found defective: it mentions a defect
 * (`DEFECT_CONFIRMED`, "defect confirmed", "bearing defective") and does not deny one ("no
 * defect", "NO_DEFECT", "defect not confirmed", "not defective", "no fault found", "NFF").
 * Case-insensitive. Anything else (empty, "replaced", "worn") is a replacement without one.
 */
export function isConfirmedDefect(outcome: string | null | undefined): boolean {
  if (!outcome) return false;
  const text = outcome.toLowerCase();
  return text.includes('defect') && !NEGATIONS.some((pattern) => pattern.test(text));
}

/**
 * Whether a completed order confirmed a defect: its failure report's outcome
 * (`DEFECT_CONFIRMED_REPLACED`) when it has one; the free-text keyword rule
 * ({@link isConfirmedDefect}) only for older rows without a report.
 */
export function confirmsDefect(task: Pick<Task, 'outcome' | 'failureReport'>): boolean {
  if (task.failureReport) return task.failureReport.outcome === 'DEFECT_CONFIRMED_REPLACED';
  return isConfirmedDefect(task.outcome);
}

/**
 * The labels of an export, sorted by asset then time: one `failure` per transition into FAULT,
 * and one `replacement` per DONE task at its completion time (`completedAt`, not `updatedAt`,
 * which a later edit such as a cost moves), with `confirmedDefect` from {@link confirmsDefect}. Left out: tasks of other assets or completed
 * outside `[from, to)`, tasks the platform closed itself, and tasks overtaken by a failure
 * (a failure of the asset between the task's creation and completion: the failure label
 * already ends that unit's life, and a second cut would make a bogus life of the new unit).
 */
export function exportLabels(
  failures: readonly FailureEvent[],
  tasks: readonly Task[],
  range: { from: number; to: number; assets: ReadonlySet<string> },
): { labels: FailureLabel[]; counts: LabelCounts } {
  const counts: LabelCounts = {
    failures: 0,
    replacements: 0,
    confirmedDefects: 0,
    overtakenTasks: 0,
    platformClosedTasks: 0,
  };
  const inRange = (assetId: string, ts: number) =>
    range.assets.has(assetId) && ts >= range.from && ts < range.to;
  const labels: FailureLabel[] = [];
  for (const f of failures) {
    if (!inRange(f.assetId, f.ts)) continue;
    labels.push({ asset: f.assetId, ts: f.ts, kind: 'failure' });
    counts.failures++;
  }
  for (const task of tasks) {
    if (task.status !== 'DONE' || task.completedAt === null) continue;
    const done = Date.parse(task.completedAt);
    if (!inRange(task.assetId, done)) continue;
    if (task.outcome === PLATFORM_CLOSED_OUTCOME) {
      counts.platformClosedTasks++;
      continue;
    }
    const created = Date.parse(task.createdAt);
    if (failures.some((f) => f.assetId === task.assetId && f.ts >= created && f.ts <= done)) {
      counts.overtakenTasks++;
      continue;
    }
    const confirmedDefect = confirmsDefect(task);
    labels.push({ asset: task.assetId, ts: done, kind: 'replacement', confirmedDefect });
    counts.replacements++;
    if (confirmedDefect) counts.confirmedDefects++;
  }
  labels.sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : a.ts - b.ts));
  return { labels, counts };
}
