import { priorityFor } from './replacement-task.service';

describe(priorityFor.name, () => {
  it.each([
    [5, 30, 'CRITICAL'],
    [10, 30, 'CRITICAL'],
    [15, 30, 'HIGH'],
    [25, 30, 'MEDIUM'],
    [45, 30, 'LOW'],
  ])('RUL %d with horizon %d is %s', (rul, horizon, expected) => {
    expect(priorityFor(rul, horizon)).toBe(expected);
  });
});
