import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { waitFor } from '@hourglass/testing-services';

const ROOT = resolve(__dirname, '../../../../..');
/** How long a boot may take on a loaded machine (compiling and opening PGlite). */
export const BOOT_MS = 150_000;

/**
 * `npm start` as an operator runs it (`apps/platform/src/main.ts`, no simulator) on `dataDir` and
 * ports the kernel picks unless `env` names them.
 */
export class PlatformProcess {
  stdout = '';
  stderr = '';
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly child: ChildProcess;

  constructor(
    readonly dataDir: string,
    env: Record<string, string> = {},
  ) {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('HG_')),
    );
    // setpriv --pdeathsig execs node in place (same pid, so signals reach it) and kills it if Jest dies.
    this.child = spawn(
      '/usr/bin/setpriv',
      ['--pdeathsig', 'KILL', '--', process.execPath, 'tools/run.js', 'apps/platform/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...inherited,
          HG_SIMULATOR: 'off',
          HG_DATA_DIR: dataDir,
          HG_HTTP_PORT: '0',
          HG_MQTT_PORT: '0',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.once('exit', (code, signal) => (this.exit = { code, signal }));
  }

  async started(): Promise<this> {
    await waitFor(() => this.stdout.includes('Hourglass is running'), {
      timeoutMs: BOOT_MS,
      what: 'the platform banner',
      failFast: () =>
        this.exit
          ? new Error(`platform exited during start: ${JSON.stringify(this.exit)}\n${this.stderr}`)
          : undefined,
    });
    return this;
  }

  get httpPort(): number {
    return Number(/REST API\s*:\s*http:\/\/[^:]+:(\d+)/.exec(this.stdout)?.[1]);
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async exited(
    timeoutMs = 20_000,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    await waitFor(() => this.exit !== undefined, {
      timeoutMs,
      what: `the platform to exit (stderr:\n${this.stderr})`,
    });
    return this.exit as { code: number | null; signal: NodeJS.Signals | null };
  }

  dispose(): void {
    if (!this.exit) this.child.kill('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
