import {
  LIFECYCLE_STAGES,
  type CustomerStanding,
  type LifecycleAsset,
  type LifecycleStage,
} from './lifecycle.types';

const DAY_MS = 86_400_000;
/** Health at or above this is "healthy" (section 3 bands), for Expansion and Advocacy. */
export const HEALTHY_SCORE = 70;

/** `iso` plus `months` calendar months (UTC; the day is clamped to the month's last). */
export function addMonths(iso: string, months: number): number {
  const d = new Date(iso);
  const target = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()),
  );
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  target.setUTCSeconds(d.getUTCSeconds(), d.getUTCMilliseconds());
  return target.getTime();
}

/**
 * The stage of an asset at `atMs`, null before commissioning. Onboarding to day 30 (and on until
 * the first completed service, at most to month 6); Activation from the first completed service to
 * month 6; from month 6 Retention, Expansion from month 12 with a healthy customer score, Advocacy
 * from month 6 for a customer with a promoter answer and a healthy score. `standing` is the
 * customer's current one: no history of scores is stored, so past instants use it too.
 */
export function assetStageAt(
  asset: LifecycleAsset,
  standing: CustomerStanding | undefined,
  atMs: number,
): LifecycleStage | null {
  const start = Date.parse(asset.commissionedAt);
  if (atMs < start) return null;
  if (atMs < addMonths(asset.commissionedAt, 6)) {
    const served = asset.firstServiceAt !== null && Date.parse(asset.firstServiceAt) <= atMs;
    return atMs - start >= 30 * DAY_MS && served ? 'ACTIVATION' : 'ONBOARDING';
  }
  const healthy = (standing?.healthScore ?? -1) >= HEALTHY_SCORE;
  if (healthy && standing?.promoter) return 'ADVOCACY';
  if (healthy && atMs >= addMonths(asset.commissionedAt, 12)) return 'EXPANSION';
  return 'RETENTION';
}

const rank = (s: LifecycleStage) => LIFECYCLE_STAGES.indexOf(s);

/** A customer's stage at `atMs`: the earliest stage of its commissioned assets, null without one. */
export function customerStageAt(
  assets: readonly LifecycleAsset[],
  standing: CustomerStanding | undefined,
  atMs: number,
): LifecycleStage | null {
  let earliest: LifecycleStage | null = null;
  for (const a of assets) {
    const s = assetStageAt(a, standing, atMs);
    if (s !== null && (earliest === null || rank(s) < rank(earliest))) earliest = s;
  }
  return earliest;
}

/** Per stage: customers in it at the period's end, and of those in it at the start where they went. */
export interface StageMovement {
  stage: LifecycleStage;
  /** Customers in the stage at the end of the period (lost customers not counted). */
  customers: number;
  /** Customers in the stage at the end that were not in it at the start (new, moved on or fallen back). */
  entered: number;
  /** Customers in the stage at the start that are in a later stage at the end. */
  movedOn: number;
  /** Customers in the stage at the start that are in an earlier one at the end (a new asset to onboard). */
  fellBack: number;
  /** Customers in the stage at the start whose last contract ended in the period. */
  lost: number;
}

/** The contract ends of a customer, for {@link stageMovement}. */
export interface ContractEnd {
  tenantId: string;
  /** ISO 8601 of a recorded end, null while the contract runs on. */
  endsAt: string | null;
}

/** Whether every contract of the customer has ended by `toMs`, the last of them at or after `fromMs`. */
export function lostIn(contracts: readonly ContractEnd[], fromMs: number, toMs: number): boolean {
  if (contracts.length === 0 || contracts.some((c) => c.endsAt === null)) return false;
  const last = Math.max(...contracts.map((c) => Date.parse(c.endsAt as string)));
  return last >= fromMs && last < toMs;
}

/**
 * Stage counts and movement over `[fromMs, toMs)`, computed from the dates (each customer's stage
 * at the start against the end; no stage history is stored). A customer is lost when its last
 * contract ended in the period.
 */
export function stageMovement(
  assets: readonly LifecycleAsset[],
  standings: readonly CustomerStanding[],
  contracts: readonly ContractEnd[],
  fromMs: number,
  toMs: number,
): StageMovement[] {
  const rows = new Map<LifecycleStage, StageMovement>(
    LIFECYCLE_STAGES.map((stage) => [
      stage,
      { stage, customers: 0, entered: 0, movedOn: 0, fellBack: 0, lost: 0 },
    ]),
  );
  const row = (s: LifecycleStage) => rows.get(s) as StageMovement;
  for (const tenant of [...new Set(assets.map((a) => a.tenantId))].sort()) {
    const own = assets.filter((a) => a.tenantId === tenant);
    const standing = standings.find((s) => s.tenantId === tenant);
    const before = customerStageAt(own, standing, fromMs);
    const lost = lostIn(
      contracts.filter((c) => c.tenantId === tenant),
      fromMs,
      toMs,
    );
    const after = lost ? null : customerStageAt(own, standing, toMs);
    if (after !== null) row(after).customers++;
    if (after !== null && after !== before) row(after).entered++;
    if (before === null || before === after) continue;
    if (after === null) row(before).lost++;
    else if (rank(after) > rank(before)) row(before).movedOn++;
    else row(before).fellBack++;
  }
  return [...rows.values()];
}
