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

/**
 * What a service process does with its command-line arguments before it starts: nothing (null) when
 * there are none; exit 0 after the usage on stdout for `--help`; exit 2 after the usage on stderr
 * for anything else (the convention of getopt tools).
 */
export function serviceArguments(
  name: string,
  args: readonly string[],
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): number | null {
  if (args.length === 0) return null;
  if (helpRequested(args)) {
    io.stdout(serviceUsage(name));
    return 0;
  }
  io.stderr(`${name}: unexpected argument ${JSON.stringify(args[0])}\n${serviceUsage(name)}`);
  return USAGE_EXIT_CODE;
}
