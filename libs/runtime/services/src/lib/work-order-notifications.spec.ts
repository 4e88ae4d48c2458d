import type { EventPublisherPort } from '@hourglass/notifications-webhooks';
import { WorkOrderNotifications, type WorkOrderNotice } from './work-order-notifications';

describe(WorkOrderNotifications.name, () => {
  const order = {
    id: 'o-1',
    tenantId: 'acme',
    assetId: 'e-1',
    component: 'hpc',
    status: 'ACKNOWLEDGED',
    priority: 'HIGH',
    updatedAt: '2026-05-01T10:00:00.000Z',
  };
  const notice: WorkOrderNotice = { kind: 'status_changed', order, previousStatus: 'OPEN' };

  it('publishes work_order.<kind> with an id derived from the order, then tells every consumer', async () => {
    const published: unknown[] = [];
    const seen: WorkOrderNotice[] = [];
    const events: EventPublisherPort = { publish: async (e) => (published.push(e), e as never) };
    const sut = new WorkOrderNotifications(
      events,
      [{ onWorkOrder: async (n) => void seen.push(n) }],
      () => undefined,
    );
    await sut.notify(notice);
    await sut.notify(notice);
    expect(published).toEqual([
      expect.objectContaining({
        id: 'work_order.status_changed:o-1:ACKNOWLEDGED:2026-05-01T10:00:00.000Z',
        type: 'work_order.status_changed',
        tenantId: 'acme',
        data: { order, previousStatus: 'OPEN' },
      }),
      expect.objectContaining({
        id: 'work_order.status_changed:o-1:ACKNOWLEDGED:2026-05-01T10:00:00.000Z',
      }),
    ]);
    expect(seen).toEqual([notice, notice]);
  });

  it('logs a failing publisher or consumer instead of failing the change', async () => {
    const lines: string[] = [];
    const events: EventPublisherPort = {
      publish: async () => Promise.reject(new Error('db down')),
    };
    const sut = new WorkOrderNotifications(
      events,
      [{ onWorkOrder: async () => Promise.reject(new Error('mqtt down')) }],
      (l) => lines.push(l),
    );
    await expect(sut.notify(notice)).resolves.toBeUndefined();
    expect(lines).toEqual([
      'webhooks: work_order.status_changed of o-1 not queued: db down',
      'notifications: work_order.status_changed of o-1: mqtt down',
    ]);
  });
});
