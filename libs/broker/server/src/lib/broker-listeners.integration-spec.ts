import { connect, createServer, type Server, type Socket } from 'node:net';
import { listen } from './broker-listeners';

/** The listen backlog: a fleet connecting at once after a broker restart is not held back by SYN retries. */
describe('broker listen backlog', () => {
  let server: Server;
  const sockets: Socket[] = [];

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('accepts 1,500 connections opened in one go within a second (no dropped SYN waiting for a retry)', async () => {
    server = createServer((socket) => sockets.push(socket));
    const port = await listen(server, 0, '127.0.0.1');
    const t0 = Date.now();
    // Every connect() is issued before the event loop can accept any: beyond the backlog the kernel
    // drops the SYN, and the client tries again only after 1 s.
    const connected = Array.from({ length: 1_500 }, () => new Promise<number>((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => resolve(Date.now() - t0));
      socket.once('error', reject);
      sockets.push(socket);
    }));
    const times = await Promise.all(connected);
    expect(Math.max(...times)).toBeLessThan(900);
  });
});
