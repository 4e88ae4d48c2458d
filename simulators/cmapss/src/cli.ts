// Entry of `npm run simulate -- <simulator> ...` (node tools/run.js simulators/cmapss/src/cli.ts).
import { EXIT_USAGE, REPLAY_USAGE, runReplayCommand } from './replay.command';

async function main(argv: string[]): Promise<number> {
  const [simulator, ...rest] = argv;
  if (simulator !== 'cmapss') {
    process.stderr.write(
      `unknown simulator "${simulator ?? ''}"; the only one is "cmapss"\n${REPLAY_USAGE}\n`,
    );
    return EXIT_USAGE;
  }
  return runReplayCommand(rest, process.env, {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cmapss: ${String(error)}\n`);
    process.exit(1);
  },
);
