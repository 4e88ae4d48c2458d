import { answerHelp, CliProgress, USAGE_EXIT_CODE } from '@hourglass/platform-cli';

/** Parsed `--name value` flags. */
export type CliFlags = Map<string, string>;

/** Arguments the command cannot use: reported in one line with the usage hint, exit 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Parses `--name value` and `--name=value` pairs; rejects names not in `known`. */
export function parseFlags(argv: readonly string[], known: readonly string[]): CliFlags {
  const flags: CliFlags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new CliUsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(name)) throw new CliUsageError(`unknown option --${name}`);
    if (inline !== undefined) flags.set(name, inline);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags.set(name, argv[++i]);
    else throw new CliUsageError(`--${name} needs a value`);
  }
  return flags;
}

/** A positive integer flag, or `fallback` when absent. */
export function integerFlag(flags: CliFlags, name: string, fallback: number, min = 1): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min)
    throw new CliUsageError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

/** A required string flag. */
export function requiredFlag(flags: CliFlags, name: string): string {
  const value = flags.get(name);
  if (value === undefined) throw new CliUsageError(`--${name} PATH is required`);
  return value;
}

/** Progress goes to stderr so that stdout carries only results. */
export function progress(line: string): void {
  // On a terminal a progress bar may be drawn on the current line: clear it first.
  process.stderr.write(`${process.stderr.isTTY ? '\r\u001b[K' : ''}${line}\n`);
}

/** A bar on a terminal, a line every few seconds otherwise, created on the first report. */
export function progressReporter(
  label: string,
  unit: string,
): (done: number, total: number) => void {
  let bar: CliProgress | undefined;
  return (done, total) => {
    bar ??= new CliProgress(label, total, { unit });
    bar.update(done);
  };
}

/**
 * Runs a CLI body with the arguments after the script: `--help` prints `usage` on stdout (exit 0),
 * a {@link CliUsageError} prints its message and the usage hint on stderr (exit 2), any other
 * failure its message (exit 1).
 */
export function runCli(usage: string, main: (argv: string[]) => Promise<void>): void {
  const argv = process.argv.slice(2);
  if (answerHelp(argv, usage)) return;
  main(argv).catch((error: unknown) => {
    progress(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof CliUsageError) {
      progress(`${usage.split('\n')[0]}\n(--help lists every flag with its default)`);
      process.exitCode = USAGE_EXIT_CODE;
      return;
    }
    process.exitCode = 1;
  });
}
