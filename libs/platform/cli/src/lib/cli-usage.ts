/** Exit code of a command given arguments it cannot use (the convention of getopt tools). */
export const USAGE_EXIT_CODE = 2;

/** True when the arguments ask for help (`--help` or `-h` anywhere). */
export function helpRequested(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/**
 * The common answer of every command to `--help`: the usage on stdout, exit 0. Returns false (and
 * does nothing) when help was not asked for.
 */
export function answerHelp(
  args: readonly string[],
  usage: string,
  out: { write(text: string): unknown } = process.stdout,
): boolean {
  if (!helpRequested(args)) return false;
  out.write(usage.endsWith('\n') ? usage : `${usage}\n`);
  return true;
}
