import type { Task, WorkOrderEvent } from '@hourglass/maintenance-tasks';
import { CaseLibraryEvents } from './case-library.events';
import type { CaseLibraryService } from './case-library.service';

const order = (status: Task['status']) => ({ id: 'o1', status }) as Task;

describe(CaseLibraryEvents.name, () => {
  const calls: string[] = [];
  const library = {
    suggest: async (o: Task) => void calls.push(`suggest ${o.id}`),
    recordCompleted: async (o: Task) => void calls.push(`case ${o.id}`),
  } as unknown as CaseLibraryService;
  const next = { onEvent: async (e: WorkOrderEvent) => void calls.push(`next ${e.kind}`) };
  const sut = new CaseLibraryEvents(library, next);

  beforeEach(() => calls.splice(0));

  it('suggests for a raised order and makes a case of a completed one, then passes the event on', async () => {
    await sut.onEvent({ kind: 'RAISED', order: order('OPEN') });
    await sut.onEvent({ kind: 'STATUS_CHANGED', order: order('IN_PROGRESS') });
    await sut.onEvent({ kind: 'STATUS_CHANGED', order: order('DONE') });
    await sut.onEvent({ kind: 'ESCALATED', order: order('OPEN') });
    expect(calls).toEqual([
      'suggest o1',
      'next RAISED',
      'next STATUS_CHANGED',
      'case o1',
      'next STATUS_CHANGED',
      'next ESCALATED',
    ]);
  });

  it('logs a failure of the library and still passes the event on (a sink never throws)', async () => {
    const lines: string[] = [];
    const failing = {
      suggest: async () => {
        throw new Error('telemetry store down');
      },
    } as unknown as CaseLibraryService;
    await new CaseLibraryEvents(failing, next, (l) => lines.push(l)).onEvent({
      kind: 'RAISED',
      order: order('OPEN'),
    });
    expect(lines).toEqual(['case library: order o1: telemetry store down']);
    expect(calls).toEqual(['next RAISED']);
  });
});
