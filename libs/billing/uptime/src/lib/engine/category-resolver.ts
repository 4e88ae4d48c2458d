import { BASE_STATES, STATE_CODE, type BaseStateCode, type Category } from './billing-categories';
import type { Micros } from './billing-period';
import type { AssetService, CalendarWindow, CategoryOverride } from './billing-inputs';
import type { BaseSegments } from './base-timeline';

/** One row of a run's interval table: half-open, in integer microseconds. */
export interface RatedInterval {
  assetId: string;
  startUs: Micros;
  endUs: Micros;
  category: Category;
  baseState: BaseStateCode;
  /** Index of the contract version in force (into the run's versions). */
  version: number;
  /** Why the category is what it is when not the plain base state: `window:<id>`, `override:<id>`, `meter`, `overrun:<id>`, `allowance`. */
  cause: string | null;
}

/** What the resolver needs besides the base segments of one asset. */
export interface ResolveContext {
  assetId: string;
  periodStartUs: Micros;
  periodEndUs: Micros;
  /** Windows of this asset and the contract-wide ones. */
  windows: readonly CalendarWindow[];
  service: AssetService | null;
  overrides: readonly CategoryOverride[];
  /** Start of each contract version in force during the period, ascending; the first <= periodStart. */
  versionStartsUs: readonly Micros[];
  order: readonly Category[];
  plannedNoticeUs: number;
  plannedAllowanceUs: number;
}

const RUN = STATE_CODE.RUN;
const FAULT = STATE_CODE.FAULT;
const STANDBY = STATE_CODE.STANDBY;
const CUSTOMER = STATE_CODE.CUSTOMER_STOP;

interface Piece {
  start: number;
  end: number;
  base: number;
  meter: boolean;
}

/** Turns base segments into final categories (spec §2), then applies the allowance and overrides. */
export function resolveCategories(seg: BaseSegments, ctx: ResolveContext): RatedInterval[] {
  const cuts = boundaries(ctx);
  const out: RatedInterval[] = [];
  let c = 0;
  for (let s = 0; s < seg.length; s++) {
    const pieces: Piece[] = [];
    const credit = seg.meterCreditUs[s];
    if (credit > 0) {
      pieces.push({ start: seg.startUs[s], end: seg.startUs[s] + credit, base: RUN, meter: true });
      pieces.push({
        start: seg.startUs[s] + credit,
        end: seg.endUs[s],
        base: seg.state[s],
        meter: false,
      });
    } else {
      pieces.push({ start: seg.startUs[s], end: seg.endUs[s], base: seg.state[s], meter: false });
    }
    for (const p of pieces) {
      let start = p.start;
      while (c < cuts.length && cuts[c] <= start) c++;
      let k = c;
      while (start < p.end) {
        const end = k < cuts.length && cuts[k] < p.end ? cuts[k] : p.end;
        if (end > start) out.push(classify(start, end, p, ctx));
        start = end;
        k++;
      }
    }
  }
  applyAllowance(out, ctx.plannedAllowanceUs);
  applyOverrides(out, ctx.overrides);
  return mergeAdjacent(out);
}

function boundaries(ctx: ResolveContext): number[] {
  const raw: number[] = [...ctx.versionStartsUs];
  for (const w of ctx.windows) raw.push(w.startUs, w.endUs, w.actualEndUs ?? w.endUs);
  for (const o of ctx.overrides) raw.push(o.startUs, o.endUs);
  if (ctx.service?.commissionedAtUs != null) raw.push(ctx.service.commissionedAtUs);
  if (ctx.service?.terminatedAtUs != null) raw.push(ctx.service.terminatedAtUs);
  for (const w of ctx.service?.inService ?? [])
    raw.push(w.startUs, ...(w.endUs === null ? [] : [w.endUs]));
  const inside = raw
    .filter((t) => t > ctx.periodStartUs && t < ctx.periodEndUs)
    .sort((a, b) => a - b);
  return inside.filter((t, i) => i === 0 || t !== inside[i - 1]);
}

const within = (t: number, start: number, end: number) => t >= start && t < end;

function classify(start: number, end: number, p: Piece, ctx: ResolveContext): RatedInterval {
  let version = 0;
  while (version + 1 < ctx.versionStartsUs.length && ctx.versionStartsUs[version + 1] <= start)
    version++;
  const base: BaseStateCode = BASE_STATES[p.base];
  const interval = (category: Category, cause: string | null): RatedInterval => ({
    assetId: ctx.assetId,
    startUs: start,
    endUs: end,
    category,
    baseState: base,
    version,
    cause: cause ?? (p.meter ? 'meter' : null),
  });
  for (const category of ctx.order) {
    const hit = matches(category, start, p.base, ctx);
    if (hit) return interval(hit.category, hit.cause);
  }
  return interval('UNKNOWN', null);
}

interface Match {
  category: Category;
  cause: string | null;
}

const plain = (category: Category): Match => ({ category, cause: null });
const byWindow = (category: Category, w: CalendarWindow | undefined): Match | null =>
  w ? { category, cause: `window:${w.id}` } : null;

/** The category `category`'s rule gives at `t`, or null when it does not apply. */
function matches(category: Category, t: number, base: number, ctx: ResolveContext): Match | null {
  const active = (kind: CalendarWindow['kind']) =>
    ctx.windows.find((w) => w.kind === kind && within(t, w.startUs, w.endUs));
  switch (category) {
    case 'NOT_IN_SERVICE': {
      const svc = ctx.service;
      if (svc?.commissionedAtUs != null && t < svc.commissionedAtUs) return plain(category);
      if (svc?.terminatedAtUs != null && t >= svc.terminatedAtUs) return plain(category);
      if (
        svc?.inService &&
        !svc.inService.some((w) => t >= w.startUs && (w.endUs === null || t < w.endUs))
      )
        return plain(category);
      return byWindow(category, active('SUSPENDED'));
    }
    case 'RUN':
      return base === RUN ? plain(category) : null;
    case 'FORCE_MAJEURE':
      return byWindow(category, active('FORCE_MAJEURE'));
    case 'PLANNED_MAINT': {
      const announced = ctx.windows.find(
        (x) =>
          x.kind === 'PLANNED_MAINT' &&
          within(t, x.startUs, x.endUs) &&
          x.announcedAtUs <= x.startUs - ctx.plannedNoticeUs,
      );
      if (announced) return byWindow(category, announced);
      // Work running past the approved end is a forced outage (spec §2.4).
      const overrun = ctx.windows.find(
        (x) =>
          x.kind === 'PLANNED_MAINT' && x.actualEndUs != null && within(t, x.endUs, x.actualEndUs),
      );
      return overrun ? { category: 'FORCED_OUTAGE', cause: `overrun:${overrun.id}` } : null;
    }
    case 'CUSTOMER_STOP':
      return base === CUSTOMER ? plain(category) : byWindow(category, active('CUSTOMER_STOP'));
    case 'FORCED_OUTAGE':
      return base === FAULT ? plain(category) : null;
    case 'STANDBY':
      return base === STANDBY ? plain(category) : null;
    case 'UNKNOWN':
      return plain(category);
  }
}

/** Planned maintenance beyond the period's allowance becomes a forced outage (spec §2.4), in time order. */
function applyAllowance(out: RatedInterval[], allowanceUs: number): void {
  let used = 0;
  for (let i = 0; i < out.length; i++) {
    const r = out[i];
    if (r.category !== 'PLANNED_MAINT') continue;
    const left = Math.max(0, allowanceUs - used);
    const len = r.endUs - r.startUs;
    used += len;
    if (left >= len) continue;
    if (left === 0) {
      out[i] = { ...r, category: 'FORCED_OUTAGE', cause: 'allowance' };
    } else {
      out.splice(i + 1, 0, {
        ...r,
        startUs: r.startUs + left,
        category: 'FORCED_OUTAGE',
        cause: 'allowance',
      });
      out[i] = { ...r, endUs: r.startUs + left };
      i++;
    }
  }
}

function applyOverrides(out: RatedInterval[], overrides: readonly CategoryOverride[]): void {
  if (overrides.length === 0) return;
  for (let i = 0; i < out.length; i++) {
    const r = out[i];
    // Boundaries split intervals at every override edge, so an interval is wholly inside or outside one.
    const o = overrides.find(
      (x) => x.assetId === r.assetId && r.startUs >= x.startUs && r.endUs <= x.endUs,
    );
    if (o) out[i] = { ...r, category: o.category, cause: `override:${o.id}` };
  }
}

function mergeAdjacent(rows: RatedInterval[]): RatedInterval[] {
  const merged: RatedInterval[] = [];
  for (const r of rows) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.endUs === r.startUs &&
      last.category === r.category &&
      last.baseState === r.baseState &&
      last.version === r.version &&
      last.cause === r.cause
    ) {
      last.endUs = r.endUs;
    } else merged.push({ ...r });
  }
  return merged;
}
