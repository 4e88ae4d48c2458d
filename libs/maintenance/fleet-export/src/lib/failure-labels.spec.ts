import type { Task } from '@hourglass/maintenance-tasks';
import { confirmsDefect, exportLabels, isConfirmedDefect } from './failure-labels';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);

function task(
  assetId: string,
  createdH: number,
  doneH: number,
  outcome: string | null,
  status: Task['status'] = 'DONE',
): Task {
  return {
    id: `${assetId}-${doneH}`,
    tenantId: 'acme',
    assetId,
    component: 'hpc-module',
    status,
    priority: 'HIGH',
    predictedRul: 10,
    risk: 0.9,
    modelVersion: 'm@1',
    replaceBy: new Date(T0).toISOString(),
    createdAt: new Date(T0 + createdH * HOUR).toISOString(),
    completedAt: status === 'DONE' ? new Date(T0 + doneH * HOUR).toISOString() : null,
    // Edited again long after completion (a cost set later): labels must not use it.
    updatedAt: new Date(T0 + (doneH + 1000) * HOUR).toISOString(),
    outcome,
    // Fields other teams add to Task (cost, ...) do not matter to labels.
  } as Task;
}

describe('isConfirmedDefect', () => {
  it.each([
    ['DEFECT_CONFIRMED', true],
    ['replaced, defect confirmed', true],
    ['Bearing defective, cracked race', true],
    ['NO_DEFECT', false],
    ['no defect found', false],
    ['defect not confirmed', false],
    ['not defective', false],
    ['replaced without a defect', false],
    ['suspected defect, unconfirmed', false],
    ['NFF', false],
    ['replaced', false],
    ['', false],
    [null, false],
  ])('%j -> %s', (outcome, expected) => {
    expect(isConfirmedDefect(outcome)).toBe(expected);
  });
});

describe('exportLabels', () => {
  const range = { from: T0, to: T0 + 100 * HOUR, assets: new Set(['a', 'b', 'c']) };

  it('labels failures and completed tasks, sorted by asset then time', () => {
    const { labels, counts } = exportLabels(
      [
        { assetId: 'b', ts: T0 + 30 * HOUR },
        { assetId: 'a', ts: T0 + 50 * HOUR },
      ],
      [
        task('a', 1, 20, 'DEFECT_CONFIRMED'),
        task('c', 1, 40, 'NO_DEFECT'),
        task('c', 1, 45, 'in progress', 'IN_PROGRESS'),
      ],
      range,
    );
    expect(labels).toEqual([
      { asset: 'a', ts: T0 + 20 * HOUR, kind: 'replacement', confirmedDefect: true },
      { asset: 'a', ts: T0 + 50 * HOUR, kind: 'failure' },
      { asset: 'b', ts: T0 + 30 * HOUR, kind: 'failure' },
      { asset: 'c', ts: T0 + 40 * HOUR, kind: 'replacement', confirmedDefect: false },
    ]);
    expect(counts).toEqual({
      failures: 2,
      replacements: 2,
      confirmedDefects: 1,
      overtakenTasks: 0,
      platformClosedTasks: 0,
    });
  });

  it('leaves out tasks closed by the platform, overtaken by a failure, or outside the range and assets', () => {
    const { labels, counts } = exportLabels(
      [
        { assetId: 'a', ts: T0 + 10 * HOUR },
        { assetId: 'z', ts: T0 + 10 * HOUR },
      ],
      [
        task('a', 5, 12, 'replaced after the failure, defect confirmed'), // the failure at 10 h came first
        task('b', 5, 12, 'UNIT_REPLACED'),
        task('b', 5, 200, 'DEFECT_CONFIRMED'), // completed after `to`
        task('z', 5, 12, 'DEFECT_CONFIRMED'), // not an exported asset
      ],
      range,
    );
    expect(labels).toEqual([{ asset: 'a', ts: T0 + 10 * HOUR, kind: 'failure' }]);
    expect(counts).toMatchObject({
      failures: 1,
      replacements: 0,
      overtakenTasks: 1,
      platformClosedTasks: 1,
    });
  });

  it('dates a replacement by its completion, not by a later edit of the task', () => {
    const completedBefore = {
      ...task('a', -20, -5, 'DEFECT_CONFIRMED'),
      updatedAt: new Date(T0 + 50 * HOUR).toISOString(),
    };
    const completedInside = {
      ...task('b', 1, 60, 'replaced'),
      updatedAt: new Date(T0 + 500 * HOUR).toISOString(),
    };
    const { labels } = exportLabels([], [completedBefore, completedInside], range);
    expect(labels).toEqual([
      { asset: 'b', ts: T0 + 60 * HOUR, kind: 'replacement', confirmedDefect: false },
    ]);
  });
});

describe(confirmsDefect.name, () => {
  const report = (outcome: 'DEFECT_CONFIRMED_REPLACED' | 'NO_FAULT_FOUND' | 'OTHER') => ({
    outcome,
    failureCode: 'HPC-WASH',
    parts: [],
    labourHours: 1,
  });

  it("takes the report's outcome over the free text, and the keyword rule only without a report", () => {
    expect(
      confirmsDefect({ outcome: null, failureReport: report('DEFECT_CONFIRMED_REPLACED') }),
    ).toBe(true);
    expect(
      confirmsDefect({ outcome: 'defect confirmed', failureReport: report('NO_FAULT_FOUND') }),
    ).toBe(false);
    expect(confirmsDefect({ outcome: 'defect confirmed', failureReport: report('OTHER') })).toBe(
      false,
    );
    expect(confirmsDefect({ outcome: 'defect confirmed', failureReport: null })).toBe(true);
  });

  it('labels a reported replacement by its outcome code', () => {
    const reported = {
      ...task('a-1', 0, 5, 'replaced'),
      failureReport: report('DEFECT_CONFIRMED_REPLACED'),
    };
    const { labels, counts } = exportLabels([], [reported], {
      from: T0,
      to: T0 + 100 * HOUR,
      assets: new Set(['a-1']),
    });
    expect(labels).toEqual([
      { asset: 'a-1', ts: T0 + 5 * HOUR, kind: 'replacement', confirmedDefect: true },
    ]);
    expect(counts.confirmedDefects).toBe(1);
  });
});
