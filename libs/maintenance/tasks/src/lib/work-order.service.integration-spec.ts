import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { TaskRepository } from './task.repository';
import type { WorkOrderEvent } from './work-order.events';
import { WorkOrderService } from './work-order.service';
import { newOrder, seedTurbofans } from './work-order.fixture';

forEachSqlBackend(WorkOrderService.name, (db: () => SqlDatabase) => {
  const sut = () => new WorkOrderService({ db: db() });
  const repo = () => new TaskRepository(db());
  const PLAN = { plannedFor: '2026-12-01T08:00:00Z', assignee: 'tech-1' };

  beforeAll(async () => {
    await seedTurbofans(db(), ['w-1', 'w-2', 'w-3', 'w-4', 'w-5', 'w-6']);
  });

  it('works an order through its lifecycle, recording who and when in its history', async () => {
    const order = await repo().openIfNone(newOrder('w-1'));
    expect(order).toMatchObject({ status: 'OPEN', assetType: 'turbofan' });
    await sut().update(PROVIDER_SCOPE, order!.id, { status: 'ACKNOWLEDGED' }, 'pat');
    const scheduled = await sut().update(
      PROVIDER_SCOPE,
      order!.id,
      { status: 'SCHEDULED', ...PLAN },
      'pat',
    );
    expect(scheduled).toMatchObject({
      status: 'SCHEDULED',
      plannedFor: '2026-12-01T08:00:00.000Z',
      assignee: 'tech-1',
      acknowledgedAt: expect.any(String),
    });
    await sut().update(PROVIDER_SCOPE, order!.id, { status: 'WAITING_PARTS' }, 'tech-1');
    const started = await sut().update(
      tenantScope('acme'),
      order!.id,
      { status: 'IN_PROGRESS' },
      'cora',
    );
    expect(started?.startedAt).toEqual(expect.any(String));
    const history = await sut().history(PROVIDER_SCOPE, order!.id);
    expect(history?.map((h) => [h.kind, h.from, h.to, h.actor])).toEqual([
      ['RAISED', null, 'OPEN', 'platform'],
      ['TRANSITION', 'OPEN', 'ACKNOWLEDGED', 'pat'],
      ['TRANSITION', 'ACKNOWLEDGED', 'SCHEDULED', 'pat'],
      ['TRANSITION', 'SCHEDULED', 'WAITING_PARTS', 'tech-1'],
      ['TRANSITION', 'WAITING_PARTS', 'IN_PROGRESS', 'cora'],
    ]);
    expect(history?.[2].detail).toEqual({
      plannedFor: '2026-12-01T08:00:00.000Z',
      assignee: 'tech-1',
    });
    expect(history?.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect(await sut().history(tenantScope('globex'), order!.id)).toBeNull();
  });

  it('refuses illegal transitions naming the allowed ones, and cancelling once work started', async () => {
    const order = await repo().openIfNone(newOrder('w-2'));
    await expect(
      sut().update(PROVIDER_SCOPE, order!.id, { status: 'DONE' }, 'pat'),
    ).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringContaining(
        'allowed from OPEN: ACKNOWLEDGED, SCHEDULED, IN_PROGRESS, CANCELLED',
      ),
    });
    await expect(
      sut().update(PROVIDER_SCOPE, order!.id, { status: 'SCHEDULED', assignee: 'tech-1' }, 'pat'),
    ).rejects.toMatchObject({
      code: 'WORK_ORDER_INVALID',
      message: expect.stringMatching(/^plannedFor: /),
    });
    await sut().update(PROVIDER_SCOPE, order!.id, { status: 'IN_PROGRESS' }, 'pat');
    await sut().update(PROVIDER_SCOPE, order!.id, { status: 'WAITING_PARTS' }, 'pat');
    await expect(
      sut().update(PROVIDER_SCOPE, order!.id, { status: 'CANCELLED' }, 'pat'),
    ).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringContaining('(work has started)'),
    });
    expect((await repo().get(PROVIDER_SCOPE, order!.id))?.status).toBe('WAITING_PARTS');
    expect((await sut().history(PROVIDER_SCOPE, order!.id))?.map((h) => h.to)).toEqual([
      'OPEN',
      'IN_PROGRESS',
      'WAITING_PARTS',
    ]);
  });

  it('keeps one open order per asset and component through every open status', async () => {
    const order = await repo().openIfNone(newOrder('w-3'));
    for (const status of ['ACKNOWLEDGED', 'WAITING_PARTS'] as const) {
      await sut().update(PROVIDER_SCOPE, order!.id, { status }, 'pat');
      expect(await repo().openIfNone(newOrder('w-3'))).toBeNull();
    }
    await sut().update(PROVIDER_SCOPE, order!.id, { status: 'CANCELLED' }, 'pat');
    expect(await repo().openIfNone(newOrder('w-3'))).not.toBeNull();
  });

  it("closes a replaced unit's orders from any open status as the platform, in the history", async () => {
    const order = await repo().openIfNone(newOrder('w-4'));
    await sut().update(PROVIDER_SCOPE, order!.id, { status: 'SCHEDULED', ...PLAN }, 'pat');
    expect(
      await repo().closeOpenBefore('w-4', new Date(Date.now() + 60_000), 'UNIT_REPLACED'),
    ).toBe(1);
    const history = await sut().history(PROVIDER_SCOPE, order!.id);
    expect(history?.at(-1)).toMatchObject({
      kind: 'TRANSITION',
      from: 'SCHEDULED',
      to: 'DONE',
      actor: 'platform',
      detail: { outcome: 'UNIT_REPLACED' },
    });
  });

  it('raises one order per asset and component when model, rule and plan raisers race', async () => {
    const sources = [
      { kind: 'MODEL', modelVersion: 'm@2' },
      { kind: 'RULE', ruleId: 'egt-margin' },
      { kind: 'PLAN', planId: 'hpc-wash-500h' },
    ] as const;
    const raisers = Array.from({ length: 9 }, (_, i) =>
      new WorkOrderService({ db: db() }).raise({
        tenantId: 'acme',
        assetId: 'w-5',
        assetType: 'turbofan',
        component: 'hpc-module',
        source: sources[i % 3],
        priority: 'MEDIUM',
        replaceBy: new Date('2027-01-01T00:00:00Z'),
      }),
    );
    const raised = (await Promise.all(raisers)).filter((t) => t !== null);
    expect(raised).toHaveLength(1);
    expect(await repo().list(PROVIDER_SCOPE, { assetId: 'w-5' })).toHaveLength(1);
    const [order] = raised;
    expect(['MODEL', 'RULE', 'PLAN']).toContain(order!.source);
    if (order!.source !== 'MODEL')
      expect(order).toMatchObject({ modelVersion: null, risk: null, predictedRul: null });
    expect((await sut().history(PROVIDER_SCOPE, order!.id))?.[0]).toMatchObject({
      kind: 'RAISED',
      detail: { source: order!.source, sourceRef: order!.sourceRef },
    });
    // Another component of the same asset is another order.
    const rule = await sut().raise({
      tenantId: 'acme',
      assetId: 'w-5',
      assetType: 'turbofan',
      component: 'fan-module',
      source: sources[1],
      priority: 'LOW',
      replaceBy: new Date(),
    });
    expect(rule).toMatchObject({ source: 'RULE', sourceRef: 'egt-margin', modelVersion: null });
  });

  it('emits RAISED and STATUS_CHANGED once stored (not for edits or a refused change), and notes in the history', async () => {
    const events: WorkOrderEvent[] = [];
    const service = new WorkOrderService({
      db: db(),
      events: { onEvent: async (e) => void events.push(e) },
    });
    const raise = () =>
      service.raise({
        tenantId: 'acme',
        assetId: 'w-6',
        assetType: 'turbofan',
        component: 'hpc-module',
        source: { kind: 'RULE', ruleId: 'r-1' },
        priority: 'LOW',
        replaceBy: new Date(),
      });
    const order = await raise();
    expect(await raise()).toBeNull();
    await service.update(PROVIDER_SCOPE, order!.id, { status: 'ACKNOWLEDGED' }, 'pat');
    await service.update(PROVIDER_SCOPE, order!.id, { assignee: 'tech-2' }, 'pat');
    await expect(
      service.update(PROVIDER_SCOPE, order!.id, { status: 'DONE' }, 'pat'),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(events.map((e) => [e.kind, e.order.id, e.order.status, e.previousStatus])).toEqual([
      ['RAISED', order!.id, 'OPEN', undefined],
      ['STATUS_CHANGED', order!.id, 'ACKNOWLEDGED', 'OPEN'],
    ]);
    expect(
      await service.note(PROVIDER_SCOPE, order!.id, 'device:w-6', 'equipment event replaced'),
    ).toBe(true);
    expect(await service.note(tenantScope('globex'), order!.id, 'device:w-6', 'x')).toBe(false);
    expect((await service.history(PROVIDER_SCOPE, order!.id))?.at(-1)).toMatchObject({
      kind: 'NOTE',
      from: 'ACKNOWLEDGED',
      to: 'ACKNOWLEDGED',
      actor: 'device:w-6',
      detail: { text: 'equipment event replaced' },
    });
  });
});
