import { nextStatuses, transitionPatch } from './order-lifecycle';

describe('order lifecycle', () => {
  it('offers the next statuses of the lifecycle, no cancel once work started', () => {
    expect(nextStatuses({ status: 'OPEN', startedAt: null })).toEqual([
      'ACKNOWLEDGED',
      'SCHEDULED',
      'IN_PROGRESS',
      'CANCELLED',
    ]);
    expect(nextStatuses({ status: 'WAITING_PARTS', startedAt: '2025-01-01T00:00:00Z' })).toEqual([
      'SCHEDULED',
      'IN_PROGRESS',
    ]);
    expect(nextStatuses({ status: 'IN_PROGRESS', startedAt: 'x' })).toEqual([
      'WAITING_PARTS',
      'DONE',
    ]);
    expect(nextStatuses({ status: 'DONE', startedAt: 'x' })).toEqual([]);
  });

  it('sends the schedule with a move to SCHEDULED only', () => {
    const schedule = { plannedFor: '2025-03-04', assignee: ' kim ' };
    expect(transitionPatch('SCHEDULED', schedule)).toEqual({
      status: 'SCHEDULED',
      plannedFor: '2025-03-04T00:00:00.000Z',
      assignee: 'kim',
    });
    expect(transitionPatch('ACKNOWLEDGED', schedule)).toEqual({ status: 'ACKNOWLEDGED' });
  });

  it('sends the failure report with DONE, leaving blanks out and empty part rows off', () => {
    const report = {
      outcome: 'DEFECT_CONFIRMED_REPLACED' as const,
      failureCode: 'BRG-WEAR',
      labourHours: '2.5',
      parts: [
        { partNumber: 'P-1', quantity: '2', unitCost: '' },
        { partNumber: ' ', quantity: '1', unitCost: '' },
        { partNumber: 'P-2', quantity: '1', unitCost: '10.50' },
      ],
    };
    expect(transitionPatch('DONE', undefined, report)).toEqual({
      status: 'DONE',
      report: {
        outcome: 'DEFECT_CONFIRMED_REPLACED',
        failureCode: 'BRG-WEAR',
        labourHours: 2.5,
        parts: [
          { partNumber: 'P-1', quantity: 2 },
          { partNumber: 'P-2', quantity: 1, unitCost: '10.50' },
        ],
      },
    });
    const blank = { outcome: '' as const, failureCode: '', labourHours: '', parts: [] };
    expect(transitionPatch('DONE', undefined, blank)).toEqual({
      status: 'DONE',
      report: { parts: [] },
    });
  });
});
