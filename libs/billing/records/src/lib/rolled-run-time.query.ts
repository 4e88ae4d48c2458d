import type { Micros } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { usToTimestamptz } from './billing-time';
import { RunDayRepository } from './run-day.repository';
import { RunTimeQuery, type MicrosWindow, type RunTimes } from './run-time.query';
import { DAY_US } from './state-event-day.codec';

interface Piece extends MicrosWindow {
  window: number;
}

/**
 * {@link RunTimeQuery.runInWindows}'s answer, read from the day rollup where it can be
 * (`state_event_run_days`, kept by `RunDayRollupJob`): each window's full days that are rolled up and
 * current come from two rows of running totals; only the rest (the partial days at the window's
 * edges, days not rolled up yet or made stale by late events) is walked from raw events by
 * `RunTimeQuery` itself. The walk does not depend on where it starts (a STATE or HEARTBEAT always
 * carries a state), so the pieces add up to exactly the figure of the whole window. Assets with
 * corrections are only listed, as `RunTimeQuery` lists them.
 */
export class RolledRunTimeQuery {
  private readonly days: RunDayRepository;
  private readonly raw: RunTimeQuery;

  constructor(private readonly db: SqlDatabase) {
    this.days = new RunDayRepository(db);
    this.raw = new RunTimeQuery(db);
  }

  async runInWindows(
    scope: Scope,
    assetIds: readonly string[],
    windows: readonly MicrosWindow[],
    cutoffUs: Micros,
    timeoutUs: number,
  ): Promise<RunTimes> {
    const result: RunTimes = { runUs: new Map(), corrected: [] };
    if (assetIds.length === 0 || windows.length === 0) return result;
    const toUs = Math.max(...windows.map((w) => w.toUs));
    const { present, corrected } = await this.presence(scope, assetIds, toUs, cutoffUs);
    result.corrected = corrected;
    const ids = assetIds.filter((id) => present.has(id));
    const full = windows.map((w) => ({
      firstDay: Math.ceil(w.fromUs / DAY_US),
      lastDay: Math.floor(w.toUs / DAY_US) - 1,
    }));
    const served = full.some((f) => f.firstDay <= f.lastDay)
      ? await this.days.rolled(scope, ids, full, cutoffUs, timeoutUs)
      : [];
    const spans = new Map<string, Array<{ firstDay: number; lastDay: number } | undefined>>();
    for (const id of ids)
      result.runUs.set(
        id,
        windows.map(() => 0),
      );
    for (const s of served) {
      (result.runUs.get(s.assetId) as number[])[s.window] += s.runUs;
      const own = spans.get(s.assetId) ?? windows.map(() => undefined);
      own[s.window] = s;
      spans.set(s.assetId, own);
    }
    // Assets left with the same pieces to walk are walked together, one statement per run of pieces.
    const groups = new Map<string, { pieces: Piece[]; ids: string[] }>();
    for (const id of ids) {
      const pieces = windows.flatMap((w, j) => piecesOf(w, j, spans.get(id)?.[j]));
      const key = pieces.map((p) => `${p.window}:${p.fromUs}-${p.toUs}`).join(',');
      const group = groups.get(key) ?? { pieces, ids: [] };
      group.ids.push(id);
      groups.set(key, group);
    }
    const late = new Set<string>();
    for (const { pieces, ids: group } of groups.values())
      for (const run of runsOf(pieces)) {
        const walked = await this.raw.runInWindows(scope, group, run, cutoffUs, timeoutUs);
        walked.corrected.forEach((id) => late.add(id));
        for (const [id, us] of walked.runUs) {
          const total = result.runUs.get(id) as number[];
          us.forEach((u, k) => (total[run[k].window] += u));
        }
      }
    // A correction recorded between the two reads: the asset goes to the engine after all.
    for (const id of late) {
      result.runUs.delete(id);
      if (!result.corrected.includes(id)) result.corrected.push(id);
    }
    return result;
  }

  /**
   * The assets `RunTimeQuery` would answer for: not corrected, and with an event observed before
   * the end (received by the cutoff, in scope): the carry-in or an event of the span.
   */
  private async presence(
    scope: Scope,
    assetIds: readonly string[],
    toUs: Micros,
    cutoffUs: Micros,
  ) {
    const params: unknown[] = [[...assetIds], toUs, cutoffUs];
    const tenantE = scopeCondition(scope, 'e.tenant_id', params);
    const tenantC = scopeCondition(scope, 'c.tenant_id', params);
    const [end, cutoff] = [usToTimestamptz('$2'), usToTimestamptz('$3')];
    const rows = await this.db.query<{ id: string; corrected: boolean }>(
      `select ids.id, exists (select 1 from billing_corrections c where c.asset_id = ids.id
                and c.observed_at < ${end} and c.received_at <= ${cutoff} and ${tenantC}) as corrected
       from unnest($1::text[]) as ids(id)
       where exists (select 1 from state_events e where e.asset_id = ids.id and e.observed_at < ${end}
         and e.received_at <= ${cutoff} and ${tenantE})
         or exists (select 1 from billing_corrections c where c.asset_id = ids.id
           and c.observed_at < ${end} and c.received_at <= ${cutoff} and ${tenantC})`,
      params as string[],
    );
    return {
      present: new Set(rows.filter((r) => !r.corrected).map((r) => r.id)),
      corrected: rows.filter((r) => r.corrected).map((r) => r.id),
    };
  }
}

/** What of window `w` the rollup did not serve: all of it, or its edges around the served days. */
function piecesOf(
  w: MicrosWindow,
  window: number,
  served: { firstDay: number; lastDay: number } | undefined,
): Piece[] {
  if (!served) return [{ ...w, window }];
  const pieces: Piece[] = [];
  if (w.fromUs < served.firstDay * DAY_US)
    pieces.push({ fromUs: w.fromUs, toUs: served.firstDay * DAY_US, window });
  if ((served.lastDay + 1) * DAY_US < w.toUs)
    pieces.push({ fromUs: (served.lastDay + 1) * DAY_US, toUs: w.toUs, window });
  return pieces;
}

/** The pieces in runs of touching or overlapping ones, so that each walk reads only its run's events. */
function runsOf(pieces: Piece[]): Piece[][] {
  const sorted = [...pieces].sort((a, b) => a.fromUs - b.fromUs);
  const runs: Piece[][] = [];
  let end = -Infinity;
  for (const p of sorted) {
    if (p.fromUs <= end) runs[runs.length - 1].push(p);
    else runs.push([p]);
    end = Math.max(end, p.toUs);
  }
  return runs;
}
