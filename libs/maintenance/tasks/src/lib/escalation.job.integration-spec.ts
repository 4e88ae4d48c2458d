import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { EscalationJob } from './escalation.job';
import { EscalationRepository } from './escalation.repository';
import { TaskRepository } from './task.repository';
import type { WorkOrderEvent } from './work-order.events';
import { WorkOrderService } from './work-order.service';
import { newOrder, seedTurbofans } from './work-order.fixture';

const HOUR = 3_600_000;

forEachSqlBackend(EscalationJob.name, (db: () => SqlDatabase) => {
  beforeAll(async () => {
    await seedTurbofans(db(), ['e-1', 'e-2']);
  });

  it('escalates an unacknowledged order once per level, recorded in its history, with an event', async () => {
    const order = await new TaskRepository(db()).openIfNone(newOrder('e-1'));
    const events: WorkOrderEvent[] = [];
    const job = (h: number) =>
      new EscalationJob({
        store: new EscalationRepository(db()),
        now: () => new Date(Date.parse(order!.createdAt) + h * HOUR),
        events: { onEvent: async (e) => void events.push(e) },
      });
    // created_at has microseconds, the clock milliseconds: the deadline is checked a little after it.
    expect(await job(3.9).run()).toEqual([]);
    const [a, b] = await Promise.all([job(4.01).run(), job(4.01).run()]);
    expect([...a, ...b].map((o) => [o.id, o.priority])).toEqual([[order!.id, 'CRITICAL']]);
    expect(await job(5).run()).toEqual([]);
    const history = await new WorkOrderService({ db: db() }).history(PROVIDER_SCOPE, order!.id);
    const escalations = history!.filter((h) => h.kind === 'ESCALATION');
    expect(
      escalations.map((h) => [
        h.from,
        h.to,
        h.actor,
        h.detail?.level,
        h.detail?.reason,
        h.detail?.priority,
      ]),
    ).toEqual([['OPEN', 'OPEN', 'platform', 1, 'UNACKNOWLEDGED', 'CRITICAL']]);
    expect(events.map((e) => [e.kind, e.order.id, e.previousStatus])).toEqual([
      ['ESCALATED', order!.id, 'OPEN'],
    ]);
  });

  it('leaves an acknowledged order alone', async () => {
    const order = await new TaskRepository(db()).openIfNone(newOrder('e-2'));
    await new WorkOrderService({ db: db() }).update(
      PROVIDER_SCOPE,
      order!.id,
      { status: 'ACKNOWLEDGED' },
      'pat',
    );
    const job = new EscalationJob({
      store: new EscalationRepository(db()),
      now: () => new Date(Date.parse(order!.createdAt) + 10 * HOUR),
    });
    expect((await job.run()).map((o) => o.id)).not.toContain(order!.id);
  });
});
