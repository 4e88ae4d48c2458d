import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WriteAheadSpool } from './write-ahead-spool';

describe(WriteAheadSpool.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hg-spool-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sample = (i: number) => ({
    deviceId: 'd-1',
    ts: 1_700_000_000_000 + i,
    seq: i,
    metrics: { t: i / 2 },
  });

  it('returns batches oldest first, exactly as appended, and forgets removed ones', async () => {
    const sut = await WriteAheadSpool.open(dir);
    await sut.append([sample(1), sample(2)]);
    await sut.append([sample(3)]);
    expect(sut.size).toBe(3);
    const first = await sut.oldest();
    expect(first?.samples).toEqual([sample(1), sample(2)]);
    await sut.remove(first!.id);
    expect((await sut.oldest())?.samples).toEqual([sample(3)]);
    expect(sut.size).toBe(1);
  });

  it('finds what a previous process left, in order, and ignores half-written files', async () => {
    const before = await WriteAheadSpool.open(dir);
    await before.append([sample(1)]);
    await before.append([sample(2)]);
    writeFileSync(join(dir, '0000000000000009.batch.tmp'), '{"deviceId":"d-1","ts":');
    const sut = await WriteAheadSpool.open(dir);
    expect(sut.size).toBe(2);
    expect(sut.batches).toBe(2);
    expect((await sut.oldest())?.samples).toEqual([sample(1)]);
    expect(readdirSync(dir).some((n) => n.endsWith('.tmp'))).toBe(false);
    await sut.append([sample(3)]);
    await sut.remove((await sut.oldest())!.id);
    await sut.remove((await sut.oldest())!.id);
    expect((await sut.oldest())?.samples).toEqual([sample(3)]);
  });

  it('says when a batch would not fit', async () => {
    const sut = await WriteAheadSpool.open(dir, { maxSamples: 2 });
    expect(sut.hasRoom(2)).toBe(true);
    await sut.append([sample(1)]);
    expect(sut.hasRoom(2)).toBe(false);
  });
});
