/** Parsed `--name value` flags; a flag given without a value is `'true'`. */
export type CliFlags = Map<string, string>;

/** Parses `--name value` and `--name=value` pairs; rejects names not in `known`. */
export function parseFlags(argv: readonly string[], known: readonly string[]): CliFlags {
  const flags: CliFlags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(name))
      throw new Error(`unknown option --${name} (known: ${known.map((k) => '--' + k).join(' ')})`);
    if (inline !== undefined) flags.set(name, inline);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags.set(name, argv[++i]);
    else flags.set(name, 'true');
  }
  return flags;
}

/** A positive integer flag, or `fallback` when absent. */
export function integerFlag(flags: CliFlags, name: string, fallback: number, min = 1): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

/** A required string flag. */
export function requiredFlag(flags: CliFlags, name: string): string {
  const value = flags.get(name);
  if (value === undefined || value === 'true') throw new Error(`--${name} PATH is required`);
  return value;
}

/** Progress goes to stderr so that stdout carries only results. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Runs a CLI body, printing a failure's message to stderr with exit code 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    progress(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
