import type { SqlDatabase } from '@hourglass/platform-sql';
import { DeviceConnectionRecorder } from './device-connection.recorder';

/** A database that records each statement's parameters and lets the test finish or fail each write. */
function fakeDb() {
  const writes: Array<{ ids: string[]; connections: string[]; finish(error?: Error): void }> = [];
  const db = {
    query: (_sql: string, params: [string[], string[], string[]]) =>
      new Promise<unknown[]>((resolve, reject) => {
        writes.push({
          ids: params[0],
          connections: params[1],
          finish: (error) => (error ? reject(error) : resolve([])),
        });
      }),
  } as unknown as SqlDatabase;
  return { db, writes };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(DeviceConnectionRecorder.name, () => {
  it('writes at once, and the changes that arrive meanwhile in one statement, newest per device', async () => {
    const { db, writes } = fakeDb();
    const sut = new DeviceConnectionRecorder(db, { now: () => 1_000 });
    sut.onStatus('d-1', 'online');
    expect(writes.map((w) => w.ids)).toEqual([['d-1']]);
    sut.onStatus('d-2', 'online');
    sut.onStatus('d-1', 'offline');
    sut.onStatus('d-2', 'offline');
    expect(writes).toHaveLength(1);
    writes[0].finish();
    await settle();
    expect(writes.map((w) => [w.ids, w.connections])).toEqual([
      [['d-1'], ['ONLINE']],
      [
        ['d-2', 'd-1'],
        ['OFFLINE', 'OFFLINE'],
      ],
    ]);
    writes[1].finish();
    await sut.flush();
  });

  it('ignores payloads other than online and offline', () => {
    const { db, writes } = fakeDb();
    const sut = new DeviceConnectionRecorder(db);
    sut.onStatus('d-1', 'ONLINE');
    sut.onStatus('d-1', '');
    expect(writes).toHaveLength(0);
  });

  it('keeps a failed change and writes it with the next one, unless a newer one replaced it', async () => {
    const { db, writes } = fakeDb();
    const lines: string[] = [];
    let now = 1_000;
    const sut = new DeviceConnectionRecorder(db, { now: () => now, log: (l) => lines.push(l) });
    sut.onStatus('d-1', 'online');
    sut.onStatus('d-2', 'online');
    sut.onStatus('d-4', 'online');
    writes[0].finish();
    await settle();
    now = 2_000;
    sut.onStatus('d-2', 'offline');
    writes[1].finish(new Error('down'));
    await sut.flush();
    expect(lines).toEqual(['broker: connection status write failed (down)']);
    now = 3_000;
    sut.onStatus('d-3', 'online');
    expect(writes.map((w) => [w.ids, w.connections])).toEqual([
      [['d-1'], ['ONLINE']],
      [
        ['d-2', 'd-4'],
        ['ONLINE', 'ONLINE'],
      ],
      [
        ['d-2', 'd-4', 'd-3'],
        ['OFFLINE', 'ONLINE', 'ONLINE'],
      ],
    ]);
    writes[2].finish();
    await sut.flush();
  });

  describe('after a failed write', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('tries it again after retryMs without waiting for another change, until stopped', async () => {
      const { db, writes } = fakeDb();
      const sut = new DeviceConnectionRecorder(db, { retryMs: 1_000 });
      sut.onStatus('d-1', 'offline');
      writes[0].finish(new Error('down'));
      await sut.flush();
      await jest.advanceTimersByTimeAsync(999);
      expect(writes).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(writes.map((w) => [w.ids, w.connections])).toEqual([
        [['d-1'], ['OFFLINE']],
        [['d-1'], ['OFFLINE']],
      ]);
      writes[1].finish(new Error('still down'));
      await sut.flush();
      sut.stop();
      await jest.advanceTimersByTimeAsync(5_000);
      expect(writes).toHaveLength(2);
    });
  });
});
