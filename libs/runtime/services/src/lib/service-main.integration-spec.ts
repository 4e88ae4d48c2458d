import {} from 'node:fs';
import { connect, type Socket } from 'node:net';
import { waitFor } from '@hourglass/testing-services';
import { BOOT_MS, PlatformProcess } from './platform-process.fixture';
import { migratedDataDir } from '@hourglass/testing-sql';

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
    const start = async (env?: Record<string, string>) => {
      const p = new PlatformProcess(await migratedDataDir('hg-shutdown-'), env);
      platforms.push(p);
      return p.started();
    };
    // Started together: each boot spends most of its time compiling and opening PGlite.
    [hup, deadline, twice] = await Promise.all([
      start(),
      start({ HG_SHUTDOWN_TIMEOUT_MS: '300' }),
      start(),
    ]);
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
    expect(deadline.stderr).toContain(
      'hourglass: shutdown did not finish within 300 ms (HG_SHUTDOWN_TIMEOUT_MS)',
    );
    expect(deadline.stderr).not.toContain('hourglass: stopped');
  });

  it('exits at once with code 130 on a second SIGINT while draining', async () => {
    sockets.push(await holdRequestOpen(twice.httpPort));
    twice.signal('SIGINT');
    await waitFor(() => twice.stderr.includes('hourglass: SIGINT, shutting down'), {
      what: 'the first SIGINT to be handled',
    });
    twice.signal('SIGINT');
    expect(await twice.exited()).toEqual({ code: 130, signal: null });
    expect(twice.stderr).toContain('hourglass: second SIGINT while shutting down, exiting at once');
    expect(twice.stderr).not.toContain('hourglass: stopped');
  });
});
