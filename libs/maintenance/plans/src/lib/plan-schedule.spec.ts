import { startOfLocalDay } from './plan-calendar';
import { decideReminders, isOrderDue, projectDue, reminderSlots } from './plan-schedule';

const plan = {
  intervalDays: 30,
  intervalHours: 100,
  leadDays: 5,
  reminderDays: [7, 15, 30, 0, 7],
  timeZone: 'Europe/Berlin',
};
const at = (iso: string) => Date.parse(iso);

describe(projectDue.name, () => {
  it('takes whichever limit comes first and says which', () => {
    const anchor = at('2026-01-01T12:00:00Z');
    expect(projectDue(plan, anchor, anchor, { hoursSinceAnchor: 0, hoursPerDay: 10 })).toEqual({
      dueDate: '2026-01-11',
      basis: 'HOURS',
    });
    expect(projectDue(plan, anchor, anchor, { hoursSinceAnchor: 0, hoursPerDay: 1 })).toEqual({
      dueDate: '2026-01-31',
      basis: 'DAYS',
    });
  });

  it('is due today once the hours are used up, and never on hours without usage', () => {
    const anchor = at('2026-01-01T12:00:00Z');
    expect(
      projectDue(plan, anchor, at('2026-01-05T12:00:00Z'), {
        hoursSinceAnchor: 120,
        hoursPerDay: 30,
      })?.dueDate,
    ).toBe('2026-01-05');
    expect(
      projectDue({ ...plan, intervalDays: null }, anchor, anchor, {
        hoursSinceAnchor: 0,
        hoursPerDay: 0,
      }),
    ).toBeNull();
  });
});

describe(decideReminders.name, () => {
  const slots = reminderSlots(plan, '2026-04-05');

  it('lists each reminder day once, largest lead first, from local midnight', () => {
    expect(slots.map((s) => [s.daysBefore, s.date])).toEqual([
      [30, '2026-03-06'],
      [15, '2026-03-21'],
      [7, '2026-03-29'],
      [0, '2026-04-05'],
    ]);
    expect(slots[2].startsAtMs).toBe(at('2026-03-28T23:00:00Z'));
    expect(slots[3].startsAtMs).toBe(at('2026-04-04T22:00:00Z'));
  });

  it('sends only the nearest of several missed reminders and skips the others', () => {
    const sut = decideReminders(slots, at('2026-03-30T08:00:00Z'), '2026-02-01', new Set([30]));
    expect(sut.send?.daysBefore).toBe(7);
    expect(sut.skip.map((s) => s.daysBefore)).toEqual([15]);
  });

  it('never sends a reminder dated before the interval began, nor one recorded already', () => {
    expect(decideReminders(slots, at('2026-03-22T08:00:00Z'), '2026-03-20', new Set([15]))).toEqual(
      { send: null, skip: [] },
    );
  });
});

describe(isOrderDue.name, () => {
  it('raises the order from the first instant of the local day leadDays before the due date', () => {
    expect(startOfLocalDay('Europe/Berlin', '2026-10-25')).toBe(at('2026-10-24T22:00:00Z'));
    expect(isOrderDue(plan, '2026-10-30', at('2026-10-24T21:59:59Z'))).toBe(false);
    expect(isOrderDue(plan, '2026-10-30', at('2026-10-24T22:00:00Z'))).toBe(true);
  });
});
