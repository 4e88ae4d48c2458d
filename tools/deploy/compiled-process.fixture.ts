import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root (this file is tools/deploy/). */
export const REPO = resolve(__dirname, '../..');

/** The image's entry point, run here outside a container with the same arguments. */
export const ENTRYPOINT = 'deploy/hourglass-entrypoint.sh';

/**
 * One compiled process started as the image starts it (`hourglass-entrypoint.sh <process>`), under
 * `setpriv --pdeathsig KILL` so it never outlives the test; its output is kept for the assertions.
 */
export class CompiledProcess {
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-64 * 1024);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    );
  }

  static start(args: string[], env: Record<string, string>): CompiledProcess {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !key.startsWith('HG_') && key !== 'NODE_OPTIONS',
      ),
    );
    const child = spawn(
      '/usr/bin/setpriv',
      ['--pdeathsig', 'KILL', '--', 'sh', ENTRYPOINT, ...args],
      {
        cwd: REPO,
        env: { ...inherited, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new CompiledProcess(child);
  }

  get log(): string {
    return this.output;
  }

  /** Waits until the output matches `pattern` (the banner), or fails with the output so far. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (exited || Date.now() > deadline)
        throw new Error(
          `no ${pattern} ${exited ? '(process exited)' : 'in time'}:\n${this.output}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  terminate(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
