/**
 * Runs `work` every `intervalMs`, never two at once; a failing run is logged and the next one
 * goes ahead. `stop()` waits for the run in progress.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<void>,
    private readonly log: (line: string) => void,
  ) {}

  start(): this {
    this.schedule(0);
    return this;
  }

  /** Runs once now (waiting for a run in progress first). */
  async runNow(): Promise<void> {
    if (this.running) await this.running;
    await this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => void this.tick().finally(() => this.schedule(this.intervalMs)),
      delay,
    );
  }

  private async tick(): Promise<void> {
    this.running = this.work().catch((error: Error) => this.log(`${this.name}: ${error.message}`));
    await this.running;
    this.running = undefined;
  }
}
