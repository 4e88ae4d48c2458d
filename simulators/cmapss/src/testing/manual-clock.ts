import { SchedulerClock, TimerHandle } from '../scheduler-clock';

interface PendingTimer {
  id: number;
  at: number;
  callback: () => void;
}

/** A {@link SchedulerClock} that moves only when a test calls {@link advance}. */
export class ManualClock implements SchedulerClock {
  private time: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, delayMs), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time forward by `ms`, firing due timers in order at their due time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers
        .filter((timer) => timer.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }

  /** Moves time without firing timers, as when the event loop is blocked. */
  jump(ms: number): void {
    this.time += ms;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}
