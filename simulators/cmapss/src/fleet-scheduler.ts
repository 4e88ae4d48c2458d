import { SchedulerClock, TimerHandle, systemClock } from './scheduler-clock';

/** Something advanced by one step per scheduler tick. */
export interface Tickable {
  tick(): void;
}

/** Options of {@link FleetScheduler}. */
export interface FleetSchedulerOptions {
  /** Ticks per second; each tick advances every registered device by one cycle. */
  ticksPerSecond: number;
  /** Time source; the process clock by default. */
  clock?: SchedulerClock;
  /**
   * Most ticks run in one wake-up when the timer fires late (default 1000). A larger backlog is
   * dropped rather than burst out, and reported through `onLag`.
   */
  maxCatchUpTicks?: number;
  /** Called with the number of ticks dropped after a stall. */
  onLag?: (droppedTicks: number) => void;
  /** Called when a tickable throws; the others still tick. */
  onError?: (error: unknown) => void;
}

/**
 * One timer for a whole fleet. Tick `k` is due at `start + k / ticksPerSecond`, computed from the
 * start rather than accumulated, so the rate does not drift; when the timer fires late (or the
 * rate is above the timer resolution) the due ticks run back to back.
 */
export class FleetScheduler {
  private readonly members = new Set<Tickable>();
  private readonly clock: SchedulerClock;
  private readonly intervalMs: number;
  private readonly maxCatchUpTicks: number;
  private epoch = 0;
  private ticksRun = 0;
  private timer: TimerHandle | undefined;
  private running = false;

  constructor(private readonly options: FleetSchedulerOptions) {
    if (!(options.ticksPerSecond > 0) || !Number.isFinite(options.ticksPerSecond)) {
      throw new RangeError(
        `ticksPerSecond must be a positive number, got ${options.ticksPerSecond}`,
      );
    }
    this.clock = options.clock ?? systemClock;
    this.intervalMs = 1000 / options.ticksPerSecond;
    this.maxCatchUpTicks = Math.max(1, options.maxCatchUpTicks ?? 1000);
  }

  /** Ticks run since {@link start}. */
  get ticks(): number {
    return this.ticksRun;
  }

  get isRunning(): boolean {
    return this.running;
  }

  add(member: Tickable): void {
    this.members.add(member);
  }

  remove(member: Tickable): void {
    this.members.delete(member);
  }

  /** Starts ticking; the first tick is due immediately. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.epoch = this.clock.now();
    this.ticksRun = 0;
    this.arm(0);
  }

  /** Stops ticking; no tick runs after this returns. */
  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(delayMs: number): void {
    this.timer = this.clock.setTimeout(() => this.wake(), Math.max(0, delayMs));
  }

  private wake(): void {
    this.timer = undefined;
    if (!this.running) return;
    const now = this.clock.now();
    const backlog = Math.floor((now - this.epoch) / this.intervalMs) + 1 - this.ticksRun;
    if (backlog > this.maxCatchUpTicks) {
      const dropped = backlog - this.maxCatchUpTicks;
      this.epoch += dropped * this.intervalMs;
      this.options.onLag?.(dropped);
    }
    // Due times are always computed as dueAt(k), so the loop and the timer agree on them
    // despite floating-point rounding.
    for (let ran = 0; ran < this.maxCatchUpTicks && this.running; ran++) {
      if (this.dueAt(this.ticksRun) > now) break;
      this.tickAll();
      this.ticksRun++;
    }
    if (this.running) this.arm(this.dueAt(this.ticksRun) - now);
  }

  private dueAt(tick: number): number {
    return this.epoch + tick * this.intervalMs;
  }

  private tickAll(): void {
    for (const member of [...this.members]) {
      try {
        member.tick();
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }
}
