import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from '@hourglass/testing-services';

const ROOT = resolve(__dirname, '../../../../..');
const BOOT_MS = 150_000;

/** `npm start` as an operator runs it, on a fresh data directory and ports the kernel picks. */
class PlatformProcess {
  stdout = '';
  stderr = '';
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly child: ChildProcess;

  constructor(
    readonly dataDir: string,
    env: Record<string, string> = {},
  ) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HG_')));
    // setpriv --pdeathsig execs node in place (same pid, so signals reach it) and kills it if Jest dies.
    this.child = spawn('/usr/bin/setpriv', ['--pdeathsig', 'KILL', '--', process.execPath, 'tools/run.js', 'apps/platform/src/main.ts'], {
      cwd: ROOT,
      env: { ...inherited, HG_SIMULATOR: 'off', HG_DATA_DIR: dataDir, HG_HTTP_PORT: '0', HG_MQTT_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.once('exit', (code, signal) => (this.exit = { code, signal }));
  }

  async started(): Promise<this> {
    await waitFor(() => this.stdout.includes('Hourglass is running'), {
      timeoutMs: BOOT_MS,
      what: 'the platform banner',
      failFast: () => (this.exit ? new Error(`platform exited during start: ${JSON.stringify(this.exit)}\n${this.stderr}`) : undefined),
    });
    return this;
  }

  get httpPort(): number {
    return Number(/REST API\s*:\s*http:\/\/[^:]+:(\d+)/.exec(this.stdout)?.[1]);
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async exited(timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    await waitFor(() => this.exit !== undefined, { timeoutMs, what: `the platform to exit (stderr:\n${this.stderr})` });
    return this.exit as { code: number | null; signal: NodeJS.Signals | null };
  }

  dispose(): void {
    if (!this.exit) this.child.kill('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * Holds the HTTP server's drain open: a request whose body never completes. `Expect: 100-continue`
 * makes the server answer once it has dispatched the request, so the stop cannot begin before it.
 */
async function holdRequestOpen(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString()));
  socket.write(
    'POST /api/devices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n',
  );
  await waitFor(() => answer.includes('100 Continue'), { what: 'the server to take the request' });
  socket.write('{"id":');
  return socket;
}

describe('runService shutdown', () => {
  const platforms: PlatformProcess[] = [];
  const sockets: Socket[] = [];
  let hup: PlatformProcess;
  let deadline: PlatformProcess;
  let twice: PlatformProcess;

  beforeAll(async () => {
    const start = (env?: Record<string, string>) => {
      const p = new PlatformProcess(mkdtempSync(join(tmpdir(), 'hg-shutdown-')), env);
      platforms.push(p);
      return p.started();
    };
    // Started together: each boot spends most of its time compiling and opening PGlite.
    [hup, deadline, twice] = await Promise.all([start(), start({ HG_SHUTDOWN_TIMEOUT_MS: '300' }), start()]);
  }, BOOT_MS + 10_000);

  afterAll(() => {
    for (const s of sockets) s.destroy();
    for (const p of platforms) p.dispose();
  });

  it('stops gracefully on SIGHUP, flushing like on SIGTERM', async () => {
    hup.signal('SIGHUP');
    expect(await hup.exited()).toEqual({ code: 0, signal: null });
    expect(hup.stderr).toContain('hourglass: SIGHUP, shutting down and flushing buffered writes');
    expect(hup.stderr).toContain('hourglass: stopped, buffered writes flushed');
  });

  it('exits with code 1 when the drain outlasts HG_SHUTDOWN_TIMEOUT_MS', async () => {
    sockets.push(await holdRequestOpen(deadline.httpPort));
    deadline.signal('SIGTERM');
    expect(await deadline.exited()).toEqual({ code: 1, signal: null });
    expect(deadline.stderr).toContain('hourglass: shutdown did not finish within 300 ms (HG_SHUTDOWN_TIMEOUT_MS)');
    expect(deadline.stderr).not.toContain('hourglass: stopped');
  });

  it('exits at once with code 130 on a second SIGINT while draining', async () => {
    sockets.push(await holdRequestOpen(twice.httpPort));
    twice.signal('SIGINT');
    await waitFor(() => twice.stderr.includes('hourglass: SIGINT, shutting down'), { what: 'the first SIGINT to be handled' });
    twice.signal('SIGINT');
    expect(await twice.exited()).toEqual({ code: 130, signal: null });
    expect(twice.stderr).toContain('hourglass: second SIGINT while shutting down, exiting at once');
    expect(twice.stderr).not.toContain('hourglass: stopped');
  });
});
