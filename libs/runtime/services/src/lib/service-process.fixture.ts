import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const REPO = resolve(__dirname, '../../../../..');

/**
 * One of the standalone apps (`node tools/run.js apps/<name>/src/main.ts`) as a child process,
 * configured by `env` (HG_* variables) on top of a clean environment, under `setpriv --pdeathsig
 * KILL` so it never outlives the test. Its output is kept in memory.
 */
export class ServiceProcess {
  private output = '';
  private exitInfo: string | undefined;
  readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-64 * 1024);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = signal ? `killed by ${signal}` : `exited with code ${code}`;
        done();
      });
    });
  }

  static start(app: string, env: Record<string, string>): ServiceProcess {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !key.startsWith('HG_') && key !== 'NODE_OPTIONS',
      ),
    );
    const child = spawn(
      '/usr/bin/setpriv',
      ['--pdeathsig', 'KILL', '--', process.execPath, 'tools/run.js', `apps/${app}/src/main.ts`],
      {
        cwd: REPO,
        env: { ...inherited, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new ServiceProcess(child);
  }

  get log(): string {
    return this.output;
  }

  get exitDescription(): string | undefined {
    return this.exitInfo;
  }

  /** Sends SIGTERM (a graceful drain) without waiting. */
  terminate(): void {
    if (!this.exitInfo) this.child.kill('SIGTERM');
  }

  async kill(): Promise<void> {
    if (this.exitInfo) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
