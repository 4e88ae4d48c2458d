import { existsSync } from 'node:fs';
import { startRedis, type RedisServer } from './redis-server';
import { tcpExchange } from './tcp-probe';

const untilLine = (reply: Buffer) => reply.includes('\r\n');

describe(startRedis.name, () => {
  let sut: RedisServer;

  beforeAll(async () => {
    sut = await startRedis();
  });

  afterAll(() => sut?.stop());

  it('answers PING with +PONG on 127.0.0.1', async () => {
    expect(sut.url).toBe(`redis://127.0.0.1:${sut.port}`);
    const reply = await tcpExchange(sut.port, '*1\r\n$4\r\nPING\r\n', untilLine);
    expect(reply.toString()).toBe('+PONG\r\n');
  });

  it('runs without persistence', async () => {
    const reply = await tcpExchange(
      sut.port,
      '*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$4\r\nsave\r\n',
      (r) => r.toString().split('\r\n').length >= 6,
    );
    expect(reply.toString()).toBe('*2\r\n$4\r\nsave\r\n$0\r\n\r\n');
  });

  it('stop() ends the server and removes its directory', async () => {
    const other = await startRedis();
    expect(other.port).not.toBe(sut.port);
    await other.stop();
    await expect(tcpExchange(other.port, 'PING\r\n', untilLine)).rejects.toThrow(/ECONNREFUSED/);
    expect(existsSync(other.dir)).toBe(false);
  });
});
