import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** The repository root, where `npm run` starts the commands. */
export const ROOT = path.resolve(__dirname, '../../../../../..');

/** Exit status and output of a command run as its own process. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a CLI entry as `npm run` does (`node tools/run.js ENTRY ARGS`), with stdout and stderr
 * piped: not a terminal, so progress comes as plain lines.
 */
export function runCliProcess(entry: string, args: readonly string[]): Promise<CliRun> {
  // As an operator's shell has it: without Jest's NODE_OPTIONS (whose warnings would reach stderr).
  const { NODE_OPTIONS: _jest, ...env } = process.env;
  const child = spawn(process.execPath, ['tools/run.js', entry, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
