/** Where progress goes: a terminal gets one redrawn bar, anything else periodic lines. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Options of {@link CliProgress}. */
export interface CliProgressOptions {
  /** What is counted, e.g. `assets` or `epochs`. */
  unit: string;
  /** Shortest time between two lines when the stream is not a terminal, ms (default 5,000). */
  lineEveryMs?: number;
  /** Shortest time between two redraws of the bar on a terminal, ms (default 100). */
  redrawEveryMs?: number;
  stream?: ProgressStream;
  now?: () => number;
}

const BAR_WIDTH = 24;

/**
 * Progress of long work with a known total: on a terminal one line redrawn in place
 * (`label [######------]  45% 450/1000 assets, ETA 12 s`), otherwise a plain line every few
 * seconds (`label: 450/1000 assets (45%), ETA 12 s`) that log collectors keep. The ETA assumes the
 * rate so far holds.
 */
export class CliProgress {
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly startedAt: number;
  private shownAt = -Infinity;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly options: CliProgressOptions,
  ) {
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  /** Reports `done` of the total; shown when the interval has passed or the work is complete. */
  update(done: number, note = ''): void {
    const t = this.now();
    const terminal = this.stream.isTTY === true;
    const every = terminal
      ? (this.options.redrawEveryMs ?? 100)
      : (this.options.lineEveryMs ?? 5_000);
    if (done < this.total && t - this.shownAt < every) return;
    this.shownAt = t;
    const text = this.describe(done, t, terminal, note);
    if (terminal) {
      this.stream.write(`\r${text}\u001b[K`);
      this.drawn = true;
      if (done >= this.total) this.finish();
    } else {
      this.stream.write(`${text}\n`);
    }
  }

  /** Ends the bar's line on a terminal (call when the work stops early too). */
  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }

  private describe(done: number, t: number, terminal: boolean, note: string): string {
    const share = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const percent = `${Math.floor(share * 100)}%`;
    const count = `${done.toLocaleString('en')}/${this.total.toLocaleString('en')} ${this.options.unit}`;
    const eta =
      done >= this.total
        ? `done in ${formatSeconds((t - this.startedAt) / 1000)}`
        : etaText(done, this.total, (t - this.startedAt) / 1000);
    const tail = note ? `, ${note}` : '';
    if (!terminal) return `${this.label}: ${count} (${percent}), ${eta}${tail}`;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    return `${this.label} ${bar} ${percent.padStart(4)} ${count}, ${eta}${tail}`;
  }
}

function etaText(done: number, total: number, elapsedS: number): string {
  if (done <= 0 || elapsedS <= 0) return 'ETA unknown';
  return `ETA ${formatSeconds(((total - done) * elapsedS) / done)}`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
