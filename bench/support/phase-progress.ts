import { CliProgress, type ProgressStream } from '@hourglass/platform-cli';

/** What a bench's progress is drawn with; the defaults are stderr, the clock and real timers. */
export interface PhaseProgressOptions {
  /** Default stderr: stdout carries only the result line. */
  stream?: ProgressStream;
  now?: () => number;
  /** Shortest time between two lines when stderr is not a terminal, ms (default 5,000). */
  lineEveryMs?: number;
  /** Calls `tick` every `ms` until the returned function is called (default setInterval). */
  every?: (ms: number, tick: () => void) => () => void;
}

const TICK_MS = 1_000;

function realEvery(ms: number, tick: () => void): () => void {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Progress of counted work (devices provisioned, rounds, runs, points drained): the shared CLI
 * helper on stderr, a bar with ETA on a terminal, a line every few seconds otherwise.
 */
export function countProgress(
  label: string,
  total: number,
  unit: string,
  options: PhaseProgressOptions = {},
): CliProgress {
  return new CliProgress(`[bench] ${label}`, Math.max(0, Math.round(total)), {
    unit,
    stream: options.stream ?? process.stderr,
    now: options.now,
    lineEveryMs: options.lineEveryMs,
  });
}

/**
 * Progress of a phase of known length that reports nothing while it runs (a load generator's
 * `--seconds`): the elapsed seconds against the length, ticked once a second. When the length has
 * passed and the phase still runs (draining, acknowledging), the bar completes with `overtime` as
 * its note, then a line every `lineEveryMs` says how long the phase has overrun.
 */
export async function timedPhase<T>(
  label: string,
  seconds: number,
  work: () => Promise<T>,
  options: PhaseProgressOptions & { overtime?: string } = {},
): Promise<T> {
  const now = options.now ?? Date.now;
  const total = Math.max(1, Math.ceil(seconds));
  const bar = countProgress(label, total, 's', { ...options, now });
  const overrun = overrunLine(`[bench] ${label}`, options.overtime ?? 'still running', options);
  const startedAt = now();
  let complete = false;
  const stop = (options.every ?? realEvery)(TICK_MS, () => {
    const elapsed = Math.floor((now() - startedAt) / 1000);
    if (elapsed < total) return bar.update(elapsed);
    if (complete) return overrun(now(), elapsed - total);
    complete = true;
    bar.update(total, options.overtime ?? 'still running');
    overrun(now(), null);
  });
  try {
    const result = await work();
    if (!complete) bar.update(total);
    complete = true;
    return result;
  } finally {
    stop();
    bar.finish();
  }
}

/** A line every `lineEveryMs` (default 5,000) while a timed phase runs past its length. */
function overrunLine(label: string, note: string, options: PhaseProgressOptions) {
  const stream = options.stream ?? process.stderr;
  const every = options.lineEveryMs ?? 5_000;
  let shownAt = -Infinity;
  return (t: number, overSeconds: number | null) => {
    // null: the bar has just completed with the note; the next line is due an interval later.
    if (overSeconds === null) shownAt = t;
    if (overSeconds === null || t - shownAt < every) return;
    shownAt = t;
    stream.write(`${label}: ${note}, ${overSeconds} s past its length\n`);
  };
}

/**
 * Progress of counted work the bench cannot hook into (a library call that runs many items): reads
 * `count()` once a second until the returned function is called, which shows the last count and
 * ends the bar.
 */
export function watchCount(
  label: string,
  total: number,
  unit: string,
  count: () => number,
  options: PhaseProgressOptions = {},
): () => void {
  const bar = countProgress(label, total, unit, options);
  const stop = (options.every ?? realEvery)(TICK_MS, () => bar.update(Math.min(count(), total)));
  return () => {
    stop();
    bar.update(Math.min(count(), total));
    bar.finish();
  };
}
