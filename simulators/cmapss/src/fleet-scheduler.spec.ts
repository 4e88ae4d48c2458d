import { FleetScheduler } from './fleet-scheduler';
import { ManualClock } from './testing/manual-clock';

function counter() {
  const member = { ticks: 0, tick: () => void member.ticks++ };
  return member;
}

describe(FleetScheduler.name, () => {
  let clock: ManualClock;

  beforeEach(() => {
    clock = new ManualClock();
  });

  it('ticks every member once per interval from an immediate first tick', () => {
    const sut = new FleetScheduler({ ticksPerSecond: 4, clock });
    const [a, b] = [counter(), counter()];
    sut.add(a);
    sut.add(b);

    sut.start();
    clock.advance(0);
    expect([a.ticks, b.ticks]).toEqual([1, 1]);
    clock.advance(1000);
    expect([a.ticks, b.ticks]).toEqual([5, 5]);
    expect(clock.pendingTimers).toBe(1);
  });

  it('does not drift with an interval that is not a whole number of milliseconds', () => {
    const sut = new FleetScheduler({ ticksPerSecond: 3, clock });
    const member = counter();
    sut.add(member);

    sut.start();
    for (let i = 0; i < 600; i++) clock.advance(50);

    expect(member.ticks).toBe(3 * 30 + 1);
  });

  it('runs overdue ticks back to back after a late wake-up, so the rate holds', () => {
    const sut = new FleetScheduler({ ticksPerSecond: 10, clock });
    const member = counter();
    sut.add(member);
    sut.start();
    clock.advance(0);

    clock.jump(450);
    clock.advance(0);

    expect(member.ticks).toBe(5);
  });

  it('drops a backlog above maxCatchUpTicks and reports it', () => {
    const onLag = jest.fn();
    const sut = new FleetScheduler({ ticksPerSecond: 100, clock, maxCatchUpTicks: 10, onLag });
    const member = counter();
    sut.add(member);
    sut.start();
    clock.advance(0);

    clock.jump(1000);
    clock.advance(0);
    expect(member.ticks).toBe(11);
    expect(onLag).toHaveBeenCalledWith(90);
    clock.advance(10);
    expect(member.ticks).toBe(12);
  });

  it('keeps ticking the others when one member throws', () => {
    const onError = jest.fn();
    const sut = new FleetScheduler({ ticksPerSecond: 1, clock, onError });
    const member = counter();
    sut.add({
      tick: () => {
        throw new Error('boom');
      },
    });
    sut.add(member);

    sut.start();
    clock.advance(0);

    expect(member.ticks).toBe(1);
    expect(onError).toHaveBeenCalledWith(new Error('boom'));
  });

  it('stops ticking after stop and removes members', () => {
    const sut = new FleetScheduler({ ticksPerSecond: 10, clock });
    const [a, b] = [counter(), counter()];
    sut.add(a);
    sut.add(b);
    sut.start();
    clock.advance(100);
    sut.remove(b);
    clock.advance(100);

    sut.stop();
    clock.advance(1000);

    expect([a.ticks, b.ticks]).toEqual([3, 2]);
    expect(clock.pendingTimers).toBe(0);
    expect(sut.isRunning).toBe(false);
  });

  it('rejects a rate that is not positive', () => {
    expect(() => new FleetScheduler({ ticksPerSecond: 0, clock })).toThrow(RangeError);
  });
});
