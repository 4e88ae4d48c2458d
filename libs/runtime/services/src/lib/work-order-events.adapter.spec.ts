import type { Task } from '@hourglass/maintenance-tasks';
import { notifyingWorkOrderEvents } from './work-order-events.adapter';
import type { WorkOrderNotice, WorkOrderNotifications } from './work-order-notifications';

describe(notifyingWorkOrderEvents.name, () => {
  it('turns each work-order event into the notice of its kind', async () => {
    const notices: WorkOrderNotice[] = [];
    const sut = notifyingWorkOrderEvents({
      notify: async (n: WorkOrderNotice) => void notices.push(n),
    } as unknown as WorkOrderNotifications);
    const order = { id: 'o-1', status: 'ACKNOWLEDGED' } as Task;
    await sut.onEvent({ kind: 'RAISED', order });
    await sut.onEvent({ kind: 'STATUS_CHANGED', order, previousStatus: 'OPEN' });
    await sut.onEvent({ kind: 'ESCALATED', order, previousStatus: 'ACKNOWLEDGED' });
    expect(notices).toEqual([
      { kind: 'raised', order },
      { kind: 'status_changed', order, previousStatus: 'OPEN' },
      { kind: 'escalated', order, previousStatus: 'ACKNOWLEDGED' },
    ]);
  });
});
