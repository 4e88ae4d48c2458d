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

/** Command-line flags of a bench: `--devices 1000 --seconds 10 --cpu-prof`. */
export class BenchArgs {
  constructor(readonly flags: Readonly<Record<string, string | true>>) {}

  static parse(argv: readonly string[]): BenchArgs {
    const flags: Record<string, string | true> = {};
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (!arg.startsWith('--'))
        throw new Error(`unexpected argument ${JSON.stringify(arg)} (flags are --name value)`);
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
      throw new Error(`--${name} must be a non-negative number`);
    return value;
  }

  boolean(name: string): boolean {
    const raw = this.flags[name];
    return raw === true || raw === 'true' || raw === '1';
  }
}

/** A bench module: `bench/<name>.bench.ts`. */
export interface BenchModule {
  run(args: BenchArgs): Promise<BenchResult>;
}

/** Progress on stderr (stdout carries only the result). */
export function progress(line: string): void {
  const time = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${time}] ${line}\n`);
}
