import { helpRequested, USAGE_EXIT_CODE } from '@hourglass/platform-cli';

/** The `--help` text of a service process: it takes no arguments, only its configuration. */
export function serviceUsage(name: string): string {
  return [
    `usage: ${name} [--help]`,
    `Runs the Hourglass ${name} process until SIGINT, SIGTERM or SIGHUP. It takes no arguments:`,
    'it is configured by HG_* variables, from the environment and from ./.env when present (the',
    'environment wins). Every variable, its default and what it does: .env.example and the README,',
    '"Configuration". A wrong value stops the process at start with the variable named.',
    '',
  ].join('\n');
}

/** Where a command writes its usage. */
export interface UsageOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * What a command does with its arguments before its work: nothing (null) when each is one of the
 * `allowed` flags; exit 0 after the usage on stdout for `--help`/`-h`; exit 2 after the usage on
 * stderr for anything else (the convention of getopt tools).
 */
export function commandArguments(
  command: string,
  usage: string,
  args: readonly string[],
  io: UsageOutput,
  allowed: readonly string[] = [],
): number | null {
  if (helpRequested(args)) {
    io.stdout(usage);
    return 0;
  }
  const unexpected = args.find((arg) => !allowed.includes(arg));
  if (unexpected === undefined) return null;
  io.stderr(`${command}: unexpected argument ${JSON.stringify(unexpected)}\n${usage}`);
  return USAGE_EXIT_CODE;
}

/** {@link commandArguments} of a service process, which takes no arguments. */
export function serviceArguments(
  name: string,
  args: readonly string[],
  io: UsageOutput,
): number | null {
  return commandArguments(name, serviceUsage(name), args, io);
}
