// Entry of `npm run simulate -- <simulator> ...` (node tools/run.js simulators/cmapss/src/cli.ts).
import { answerHelp } from '@hourglass/platform-cli';
import {
  EXIT_OK,
  EXIT_USAGE,
  REPLAY_USAGE,
  REPLAY_USAGE_HINT,
  runReplayCommand,
} from './replay.command';

async function main(argv: string[]): Promise<number> {
  const [simulator, ...rest] = argv;
  if (answerHelp([simulator ?? ''], REPLAY_USAGE)) return EXIT_OK;
  if (simulator !== 'cmapss') {
    process.stderr.write(
      `simulate: ${simulator ? `unknown simulator "${simulator}"` : 'no simulator named'}; the only one is "cmapss"\n${REPLAY_USAGE_HINT}\n`,
    );
    return EXIT_USAGE;
  }
  // On a terminal the progress bar holds the current line: clear it before a log line.
  const clear = process.stderr.isTTY ? '\r\u001b[K' : '';
  return runReplayCommand(rest, process.env, {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${clear}${line}\n`),
    progress: process.stderr,
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cmapss: ${String(error)}\n`);
    process.exit(1);
  },
);
