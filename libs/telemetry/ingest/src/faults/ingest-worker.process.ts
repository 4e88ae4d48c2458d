import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const REPO = resolve(__dirname, '../../../../..');
const SETPRIV = '/usr/bin/setpriv';
const BANNER = 'Hourglass ingest:';

/**
 * The standalone ingest app (`node tools/run.js apps/ingest/src/main.ts`) as a child process of
 * the test, configured by `env` (HG_* variables) on top of a clean environment. It runs under
 * `setpriv --pdeathsig KILL` so it never outlives the test process. Its stdout and stderr are kept
 * in memory (the app logs little: a banner, failures).
 */
export class IngestWorkerProcess {
  private output = '';
  private exitInfo: string | undefined;
  readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
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

  /** Starts a worker; wait for {@link ready} before relying on it. */
  static start(name: string, env: Record<string, string>): IngestWorkerProcess {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !key.startsWith('HG_') && key !== 'NODE_OPTIONS',
      ),
    );
    const child = spawn(
      SETPRIV,
      ['--pdeathsig', 'KILL', '--', process.execPath, 'tools/run.js', 'apps/ingest/src/main.ts'],
      // Several workers run on one host here: each takes a free port for its probes (default 9182).
      {
        cwd: REPO,
        env: { ...inherited, HG_PROBE_PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new IngestWorkerProcess(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True once the app printed its banner (connected to the broker, subscription sent). */
  get ready(): boolean {
    return this.output.includes(BANNER);
  }

  /** Undefined while it runs, else how it ended. */
  get exitDescription(): string | undefined {
    return this.exitInfo;
  }

  /** What the worker wrote to stdout and stderr (the last 64 KiB). */
  get log(): string {
    return this.output;
  }

  /** SIGKILL: no shutdown, no flush, as in a crash. */
  async kill(): Promise<void> {
    if (this.exitInfo) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (the app flushes and exits), SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.exitInfo) return;
    this.child.kill('SIGTERM');
    const late = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(late);
  }
}
