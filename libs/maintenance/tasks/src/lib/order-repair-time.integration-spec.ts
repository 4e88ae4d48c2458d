import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { TaskRepository } from './task.repository';
import { newOrder, seedTurbofans } from './work-order.fixture';
import { WorkOrderService } from './work-order.service';

// After the RAISED entries, which the database stamps with its own clock.
const T0 = Math.ceil(Date.now() / 1000) * 1000 + 3_600_000;
const REPORT = {
  outcome: 'DEFECT_CONFIRMED_REPLACED' as const,
  failureCode: 'HPC-MODULE-REPLACED',
  parts: [],
  labourHours: 2,
};

// The repair time an order carries (migration 71) follows its history as each writer appends to it.
forEachSqlBackend('order repair time', (db: () => SqlDatabase) => {
  let clock = T0;
  const sut = () => new WorkOrderService({ db: db(), now: () => new Date(clock) });
  const repo = () => new TaskRepository(db());
  const repairOf = async (id: string) => {
    const [row] = await db().query<{ repair_ms: string; had_repair: boolean }>(
      'select repair_ms::text as repair_ms, had_repair from tasks where id = $1',
      [id],
    );
    return [Number(row.repair_ms), row.had_repair];
  };

  beforeAll(async () => {
    await seedTurbofans(db(), ['r-1', 'r-2', 'r-3']);
  });

  it('sums the IN_PROGRESS spells of transitions, paused while waiting for parts', async () => {
    const order = await repo().openIfNone(newOrder('r-1'));
    const id = order!.id;
    expect(await repairOf(id)).toEqual([0, false]);
    const step = async (at: number, change: Parameters<WorkOrderService['update']>[2]) => {
      clock = T0 + at;
      await sut().update(PROVIDER_SCOPE, id, change, 'tech-1');
      return repairOf(id);
    };
    expect(await step(1_000, { status: 'IN_PROGRESS' })).toEqual([0, true]);
    expect(await step(4_000, { status: 'WAITING_PARTS' })).toEqual([3_000, true]);
    clock = T0 + 6_000;
    await sut().note(PROVIDER_SCOPE, id, 'device:r-1', 'seal kit delivered');
    expect(await repairOf(id)).toEqual([3_000, true]);
    expect(await step(10_000, { status: 'IN_PROGRESS' })).toEqual([3_000, true]);
    clock = T0 + 11_000;
    await sut().note(PROVIDER_SCOPE, id, 'tech-1', 'module out');
    expect(await step(12_500, { status: 'DONE', report: REPORT })).toEqual([5_500, true]);
  });

  it('leaves an order that was never worked at none', async () => {
    const order = await repo().openIfNone(newOrder('r-2'));
    clock = T0 + 1_000;
    await sut().update(PROVIDER_SCOPE, order!.id, { status: 'ACKNOWLEDGED' }, 'pat');
    clock = T0 + 2_000;
    await sut().update(PROVIDER_SCOPE, order!.id, { status: 'CANCELLED' }, 'pat');
    expect(await repairOf(order!.id)).toEqual([0, false]);
  });

  it("closes the open spell when a replaced unit's orders are closed by the platform", async () => {
    const order = await repo().openIfNone(newOrder('r-3'));
    // Raised an hour ago and started a minute ago: the close ends a spell of about a minute.
    await db().query(`update task_history set at = at - interval '1 hour' where task_id = $1`, [
      order!.id,
    ]);
    clock = Date.now() - 60_000;
    await sut().update(PROVIDER_SCOPE, order!.id, { status: 'IN_PROGRESS' }, 'tech-1');
    expect(
      await repo().closeOpenBefore('r-3', new Date(Date.now() + 60_000), 'UNIT_REPLACED'),
    ).toBe(1);
    // The spells as the history holds them (the raise and the close are stamped by the database).
    const history = await db().query<{ to_status: string; ms: string }>(
      `select to_status, ((extract(epoch from at) * 1000)::bigint)::text as ms from task_history
       where task_id = $1 order by at, id`,
      [order!.id],
    );
    const spells = history.map((h, i) =>
      h.to_status === 'IN_PROGRESS' && history[i + 1]
        ? Number(history[i + 1].ms) - Number(h.ms)
        : 0,
    );
    const spell = { ms: spells.reduce((a, b) => a + b, 0) };
    expect(Number(spell.ms)).toBeGreaterThan(0);
    expect(await repairOf(order!.id)).toEqual([Number(spell.ms), true]);
  });
});
