/** What every bench module returns (the `npm run bench -- NAME` contract, shared/specs/interfaces.md). */
export interface BenchResult {
  bench: string;
  /** Our figures and the references', in the units their names say. */
  figures: Record<string, number | string | null>;
  /** Ours over the reference measured in the same run; above 1 = better than the reference. */
  ratios: Record<string, number | null>;
  /** Which goals of the issue were met. */
  goals: Record<string, boolean>;
  /** Anything else worth keeping in the result file (settings, phases, profiles). */
  details?: Record<string, unknown>;
}

/** Arguments a bench cannot use: `npm run bench` exits 2 with the message (the CLI convention). */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/**
 * The flags of one bench, each with what it sets and its default (`'devices': 'connected devices
 * (default 10,000)'`): `npm run bench -- NAME --help` prints them, and any other flag is refused.
 */
export type BenchOptions = Readonly<Record<string, string>>;

/** Command-line flags of a bench: `--devices 1000 --seconds 10 --cpu-prof`. */
export class BenchArgs {
  constructor(readonly flags: Readonly<Record<string, string | true>>) {}

  static parse(argv: readonly string[]): BenchArgs {
    const flags: Record<string, string | true> = {};
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (!arg.startsWith('--'))
        throw new BenchUsageError(
          `unexpected argument ${JSON.stringify(arg)} (flags are --name value)`,
        );
      const eq = arg.indexOf('=');
      if (eq > 0) {
        flags[arg.slice(2, eq)] = arg.slice(eq + 1);
      } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
        flags[arg.slice(2)] = argv[++i];
      } else {
        flags[arg.slice(2)] = true;
      }
    }
    return new BenchArgs(flags);
  }

  /** A positive number flag, or the default; fails naming the flag when it is not a number. */
  number(name: string, fallback: number): number {
    const raw = this.flags[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (raw === true || !Number.isFinite(value) || value < 0)
      throw new BenchUsageError(`--${name} must be a non-negative number`);
    return value;
  }

  /** Fails naming every flag the bench does not declare (a typo must not run the default size). */
  checkAgainst(options: BenchOptions): void {
    const unknown = Object.keys(this.flags).filter((flag) => !Object.hasOwn(options, flag));
    if (unknown.length > 0)
      throw new BenchUsageError(`unknown option ${unknown.map((f) => `--${f}`).join(', ')}`);
  }

  boolean(name: string): boolean {
    const raw = this.flags[name];
    return raw === true || raw === 'true' || raw === '1';
  }
}

/** A bench module: `bench/<name>.bench.ts`. */
export interface BenchModule {
  options: BenchOptions;
  run(args: BenchArgs): Promise<BenchResult>;
}

/** `npm run bench -- NAME --help`: what the bench measures and its flags. */
export function benchUsage(name: string, what: string, options: BenchOptions): string {
  const width = Math.max(0, ...Object.keys(options).map((flag) => flag.length)) + 2;
  const flags = Object.entries(options).map(([flag, text]) => `  --${flag.padEnd(width)} ${text}`);
  return `usage: npm run bench -- ${name} [--flags]\n${what}\n${flags.length ? `flags:\n${flags.join('\n')}` : 'no flags'}\n(details: bench/README.md)\n`;
}

/**
 * Progress on stderr (stdout carries only the result). On a terminal the line first clears the
 * line a progress bar may be drawn on, so that it replaces the bar instead of running into it.
 */
export function progress(line: string): void {
  const time = new Date().toISOString().slice(11, 19);
  const clear = process.stderr.isTTY ? '\r\u001b[K' : '';
  process.stderr.write(`${clear}[bench ${time}] ${line}\n`);
}
