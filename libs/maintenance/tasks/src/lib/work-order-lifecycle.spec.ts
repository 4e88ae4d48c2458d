import { TASK_STATUSES } from './task.repository';
import {
  WORK_ORDER_TRANSITIONS,
  allowedTransitions,
  canTransition,
  isOpenStatus,
} from './work-order-lifecycle';

describe('work-order lifecycle', () => {
  it.each([
    ['OPEN', 'ACKNOWLEDGED', false, true],
    ['ACKNOWLEDGED', 'SCHEDULED', false, true],
    ['SCHEDULED', 'SCHEDULED', false, true],
    ['SCHEDULED', 'WAITING_PARTS', false, true],
    ['WAITING_PARTS', 'IN_PROGRESS', false, true],
    ['IN_PROGRESS', 'DONE', true, true],
    ['IN_PROGRESS', 'WAITING_PARTS', true, true],
    ['OPEN', 'CANCELLED', false, true],
    ['OPEN', 'DONE', false, false],
    ['ACKNOWLEDGED', 'OPEN', false, false],
    ['IN_PROGRESS', 'CANCELLED', true, false],
    ['WAITING_PARTS', 'CANCELLED', false, true],
    ['WAITING_PARTS', 'CANCELLED', true, false],
    ['DONE', 'IN_PROGRESS', true, false],
    ['CANCELLED', 'OPEN', false, false],
  ] as const)('%s -> %s (work started: %s) allowed: %s', (from, to, started, expected) => {
    expect(canTransition(from, to, started)).toBe(expected);
  });

  it('makes DONE and CANCELLED final and every other status open', () => {
    expect(allowedTransitions('DONE', true)).toEqual([]);
    expect(allowedTransitions('CANCELLED', false)).toEqual([]);
    expect(TASK_STATUSES.filter(isOpenStatus)).toEqual([
      'OPEN',
      'ACKNOWLEDGED',
      'SCHEDULED',
      'WAITING_PARTS',
      'IN_PROGRESS',
    ]);
  });

  it('only leads to known statuses, and every status but DONE and CANCELLED can reach DONE', () => {
    const reachesDone = (from: string, seen = new Set<string>()): boolean =>
      from === 'DONE' ||
      (!seen.has(from) &&
        WORK_ORDER_TRANSITIONS[from as keyof typeof WORK_ORDER_TRANSITIONS].some((to) =>
          reachesDone(to, new Set([...seen, from])),
        ));
    for (const [from, targets] of Object.entries(WORK_ORDER_TRANSITIONS)) {
      targets.forEach((to) => expect(TASK_STATUSES).toContain(to));
      if (from !== 'CANCELLED') expect([from, reachesDone(from)]).toEqual([from, true]);
    }
  });
});
