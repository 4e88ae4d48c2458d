import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import type { DueProjection, ReminderSlot, UsageFigures } from './plan-schedule';

/** One interval of a plan on an asset. */
export interface PlanCycle {
  planId: string;
  assetId: string;
  cycle: number;
  /** Where the interval counts from: the plan's start, then the close of the previous cycle's order (ISO 8601). */
  anchorAt: string;
  projection: (DueProjection & UsageFiguresOrNull & { projectedAt: string }) | null;
  orderId: string | null;
  orderRaisedAt: string | null;
  closedAt: string | null;
  /** True when the closing order was done, false when cancelled; null while open. */
  orderDone: boolean | null;
}

type UsageFiguresOrNull = { [K in keyof UsageFigures]: number | null };

/** A reminder recorded for a cycle: sent, or skipped because a later one was due at the same time. */
export interface RecordedReminder {
  daysBefore: number;
  reminderDate: string;
  dueDate: string;
  skipped: boolean;
  recordedAt: string;
}

const iso = (v: unknown) => (v ? new Date(v as Date).toISOString() : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const toCycle = (r: Record<string, unknown>): PlanCycle => ({
  planId: String(r.plan_id),
  assetId: String(r.asset_id),
  cycle: Number(r.cycle),
  anchorAt: iso(r.anchor_at) as string,
  projection: r.due_date
    ? {
        dueDate: String(r.due_date),
        basis: r.due_basis as 'DAYS' | 'HOURS',
        hoursSinceAnchor: num(r.hours_since_anchor),
        hoursPerDay: num(r.hours_per_day),
        projectedAt: iso(r.projected_at) as string,
      }
    : null,
  orderId: (r.order_id as string | null) ?? null,
  orderRaisedAt: iso(r.order_raised_at),
  closedAt: iso(r.closed_at),
  orderDone: r.order_done === null || r.order_done === undefined ? null : Boolean(r.order_done),
});

/**
 * The scheduling round's bookkeeping (`maintenance_plan_cycles`, `maintenance_plan_reminders`),
 * keyed by plan id: the plan was read in a scope before, so these carry none.
 */
export class PlanCycleRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** The latest cycle of every asset of a plan. */
  async current(planId: string): Promise<Map<string, PlanCycle>> {
    const rows = await this.db.query<Record<string, unknown>>(
      `select distinct on (asset_id) * from maintenance_plan_cycles where plan_id = $1 order by asset_id, cycle desc`,
      [planId],
    );
    return new Map(rows.map((r) => [String(r.asset_id), toCycle(r)]));
  }

  /** Starts cycle `cycle` anchored at `anchor` (a second start of the same cycle is a no-op). */
  async start(planId: string, assetId: string, cycle: number, anchor: Date): Promise<PlanCycle> {
    await this.db.query(
      `insert into maintenance_plan_cycles (plan_id, asset_id, cycle, anchor_at) values ($1, $2, $3, $4) on conflict do nothing`,
      [planId, assetId, cycle, anchor],
    );
    const rows = await this.db.query<Record<string, unknown>>(
      'select * from maintenance_plan_cycles where plan_id = $1 and asset_id = $2 and cycle = $3',
      [planId, assetId, cycle],
    );
    return toCycle(rows[0]);
  }

  async saveProjection(
    c: PlanCycle,
    due: DueProjection | null,
    usage: UsageFigures | null,
    at: Date,
  ): Promise<void> {
    await this.db.query(
      `update maintenance_plan_cycles set due_date = $4, due_basis = $5, hours_since_anchor = $6, hours_per_day = $7, projected_at = $8
       where plan_id = $1 and asset_id = $2 and cycle = $3`,
      [
        c.planId,
        c.assetId,
        c.cycle,
        due?.dueDate ?? null,
        due?.basis ?? null,
        usage?.hoursSinceAnchor ?? null,
        usage?.hoursPerDay ?? null,
        at,
      ],
    );
  }

  async setOrder(c: PlanCycle, orderId: string, at: Date): Promise<void> {
    await this.db.query(
      `update maintenance_plan_cycles set order_id = $4, order_raised_at = $5 where plan_id = $1 and asset_id = $2 and cycle = $3`,
      [c.planId, c.assetId, c.cycle, orderId, at],
    );
  }

  async close(c: PlanCycle, closedAt: Date, done: boolean): Promise<void> {
    await this.db.query(
      `update maintenance_plan_cycles set closed_at = $4, order_done = $5 where plan_id = $1 and asset_id = $2 and cycle = $3`,
      [c.planId, c.assetId, c.cycle, closedAt, done],
    );
  }

  /** Records a reminder unless it is recorded already: true when this call recorded it (and may send it). */
  async claimReminder(
    c: PlanCycle,
    slot: ReminderSlot,
    dueDate: string,
    skipped: boolean,
    at: Date,
  ): Promise<boolean> {
    const rows = await this.db.query(
      `insert into maintenance_plan_reminders (plan_id, asset_id, cycle, days_before, reminder_date, due_date, skipped, recorded_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing returning days_before`,
      [c.planId, c.assetId, c.cycle, slot.daysBefore, slot.date, dueDate, skipped, at],
    );
    return rows.length > 0;
  }

  /** Forgets a claimed reminder whose sending failed, so the next round sends it. */
  async releaseReminder(c: PlanCycle, daysBefore: number): Promise<void> {
    await this.db.query(
      'delete from maintenance_plan_reminders where plan_id = $1 and asset_id = $2 and cycle = $3 and days_before = $4',
      [c.planId, c.assetId, c.cycle, daysBefore],
    );
  }

  /** The reminders recorded for the given cycles (`asset id/cycle` keys), largest lead first. */
  async reminders(
    planId: string,
    cycles: ReadonlyArray<Pick<PlanCycle, 'assetId' | 'cycle'>>,
  ): Promise<Map<string, RecordedReminder[]>> {
    const byKey = new Map<string, RecordedReminder[]>(
      cycles.map((c) => [`${c.assetId}/${c.cycle}`, []]),
    );
    if (cycles.length === 0) return byKey;
    const params: SqlValue[] = [planId, cycles.map((c) => c.assetId), cycles.map((c) => c.cycle)];
    const rows = await this.db.query<Record<string, unknown>>(
      `select r.* from maintenance_plan_reminders r join unnest($2::text[], $3::int[]) as k(asset_id, cycle)
         on r.asset_id = k.asset_id and r.cycle = k.cycle
       where r.plan_id = $1 order by r.asset_id, r.cycle, r.days_before desc`,
      params,
    );
    for (const r of rows) {
      byKey.get(`${r.asset_id}/${r.cycle}`)?.push({
        daysBefore: Number(r.days_before),
        reminderDate: String(r.reminder_date),
        dueDate: String(r.due_date),
        skipped: Boolean(r.skipped),
        recordedAt: iso(r.recorded_at) as string,
      });
    }
    return byKey;
  }
}
