import type { LifecycleStagesResponse, TouchResponse } from '@hourglass/contracts-api';
import {
  calendarPaths,
  calendarWindow,
  groupTouches,
  stageRows,
  subjectPath,
  touchGroup,
} from './touch-view';

const NOW = Date.parse('2026-06-10T12:00:00.000Z');
const touch = (id: string, dueAt: string, recorded = false, tenantId = 'acme'): TouchResponse => ({
  id,
  tenantId,
  rule: 'MAINTENANCE_REMINDER',
  stage: 'RETENTION',
  subject: { kind: 'order', id: `o-${id}` },
  dueAt,
  action: 'call',
  outcome: recorded ? { outcome: 'DONE', note: null, recordedBy: 'anna', recordedAt: dueAt } : null,
});

describe('touch calendar view', () => {
  it('reads whole UTC days from 60 days back to 90 ahead, the same path all day', () => {
    expect(calendarWindow(NOW)).toEqual({
      from: '2026-04-11T00:00:00.000Z',
      to: '2026-09-09T00:00:00.000Z',
    });
    expect(calendarPaths(NOW)).toEqual(calendarPaths(NOW + 11 * 3_600_000));
    expect(calendarPaths(NOW).touches).toBe(
      '/api/touches?from=2026-04-11T00%3A00%3A00.000Z&to=2026-09-09T00%3A00%3A00.000Z',
    );
    expect(calendarPaths(NOW).stages).toMatch(/^\/api\/lifecycle-stages\?from=/);
  });

  it('puts an open touch past due in overdue, a recorded one in recorded', () => {
    expect(touchGroup(touch('a', '2026-06-09T00:00:00.000Z'), NOW)).toBe('overdue');
    expect(touchGroup(touch('a', '2026-06-09T00:00:00.000Z', true), NOW)).toBe('recorded');
  });

  it('splits what is due into the next 7 days and later, outcome or not', () => {
    expect(touchGroup(touch('a', '2026-06-10T12:00:00.000Z'), NOW)).toBe('thisWeek');
    expect(touchGroup(touch('a', '2026-06-17T11:59:59.000Z', true), NOW)).toBe('thisWeek');
    expect(touchGroup(touch('a', '2026-06-17T12:00:00.000Z'), NOW)).toBe('later');
  });

  it('orders each group by due time, then customer; recorded ones newest first', () => {
    const groups = groupTouches(
      [
        touch('later', '2026-07-01T00:00:00.000Z'),
        touch('w2', '2026-06-12T00:00:00.000Z', false, 'bolt'),
        touch('w1', '2026-06-12T00:00:00.000Z', false, 'acme'),
        touch('w0', '2026-06-11T00:00:00.000Z'),
        touch('old', '2026-05-01T00:00:00.000Z'),
        touch('r1', '2026-05-01T00:00:00.000Z', true),
        touch('r2', '2026-06-01T00:00:00.000Z', true),
      ],
      NOW,
    );
    const ids = Object.fromEntries(
      Object.entries(groups).map(([g, list]) => [g, list.map((t) => t.id)]),
    );
    expect(ids).toEqual({
      overdue: ['old'],
      thisWeek: ['w0', 'w1', 'w2'],
      later: ['later'],
      recorded: ['r2', 'r1'],
    });
  });

  it('links a touch to its asset or contract, an order to the orders screen', () => {
    expect(subjectPath({ kind: 'asset', id: 'engine 1' })).toBe('/assets/engine%201');
    expect(subjectPath({ kind: 'contract', id: 'c-1' })).toBe('/contracts/c-1');
    expect(subjectPath({ kind: 'order', id: 'o-1' })).toBe('/orders');
  });

  it('lists every stage in order, missing ones as zeros, with the customers in each', () => {
    const report: LifecycleStagesResponse = {
      from: '2026-04-11T00:00:00.000Z',
      to: '2026-09-09T00:00:00.000Z',
      customers: [
        { tenantId: 'bolt', stage: 'RETENTION', assets: [] },
        { tenantId: 'acme', stage: 'RETENTION', assets: [] },
        { tenantId: 'cora', stage: 'ONBOARDING', assets: [] },
      ],
      stages: [
        { stage: 'RETENTION', customers: 2, entered: 1, movedOn: 0, fellBack: 1, lost: 0 },
        { stage: 'ONBOARDING', customers: 1, entered: 1, movedOn: 2, fellBack: 0, lost: 0 },
      ],
    };
    const rows = stageRows(report);
    expect(rows.map((r) => [r.stage, r.customers, r.movedOn, r.tenants])).toEqual([
      ['ONBOARDING', 1, 2, ['cora']],
      ['ACTIVATION', 0, 0, []],
      ['RETENTION', 2, 0, ['acme', 'bolt']],
      ['EXPANSION', 0, 0, []],
      ['ADVOCACY', 0, 0, []],
    ]);
  });
});
