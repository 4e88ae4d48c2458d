import { startInfluxDb, type InfluxServer } from './influx-server';

const T0 = Date.UTC(2024, 0, 1);

describe('InfluxDB shim fault injection', () => {
  let sut: InfluxServer;

  const write = async (line: string, token = sut.token) => {
    const started = performance.now();
    const response = await fetch(`${sut.url}/api/v2/write?bucket=${sut.bucket}&precision=ms`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Token ${token}` },
      body: line,
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: await response.text(),
      ms: performance.now() - started,
    };
  };
  const count = async (measurement: string) =>
    (await sut.query(`select count("v") from "${measurement}"`))[0]?.['count'] ?? 0;

  beforeAll(async () => {
    sut = await startInfluxDb();
  }, 120_000);

  afterEach(() => sut.faults({}));

  afterAll(() => sut?.stop());

  it('delays writes by latencyMs, then forwards them', async () => {
    await sut.faults({ latencyMs: 400 });
    const slow = await write(`slow v=1 ${T0}`);
    expect(slow.status).toBe(204);
    expect(slow.ms).toBeGreaterThanOrEqual(400);
    expect(await count('slow')).toBe(1);

    await sut.faults({});
    expect((await write(`slow v=2 ${T0 + 1}`)).ms).toBeLessThan(400);
  });

  it.each([429, 503])(
    'answers %i with Retry-After in seconds and forwards nothing',
    async (status) => {
      await sut.faults({ status, retryAfterSeconds: 3 });
      const answer = await write(`refused_${status} v=1 ${T0}`);
      expect(answer).toMatchObject({ status, retryAfter: '3' });
      expect(JSON.parse(answer.body)).toMatchObject({ message: expect.stringContaining('fault') });
      expect(await count(`refused_${status}`)).toBe(0);

      await sut.faults({});
      expect((await write(`refused_${status} v=1 ${T0}`)).status).toBe(204);
      expect(await count(`refused_${status}`)).toBe(1);
    },
  );

  it('logs every write with its writer, lines, status and timing', async () => {
    const since = Date.now();
    await sut.faults({ status: 503 });
    await write(`logged v=1 ${T0}\nlogged v=2 ${T0 + 1}`, 'writer-a');
    await sut.faults({});
    await write(`logged v=3 ${T0 + 2}`, 'writer-b');

    const records = (await sut.writeLog()).filter((r) => r.receivedAt >= since);
    expect(records).toEqual([
      expect.objectContaining({ token: 'writer-a', lines: 2, status: 503, injected: true }),
      expect.objectContaining({ token: 'writer-b', lines: 1, status: 204, injected: false }),
    ]);
    for (const r of records) expect(r.answeredAt).toBeGreaterThanOrEqual(r.receivedAt);
  });

  it('keeps faults across an outage and refuses invalid ones', async () => {
    await sut.faults({ latencyMs: 100 });
    await sut.kill();
    const down = await write(`outage v=1 ${T0}`);
    expect(down.status).toBe(503);
    expect(down.ms).toBeGreaterThanOrEqual(100);
    await sut.restart();
    expect(await (await fetch(`${sut.url}/_shim/faults`)).json()).toEqual({ latencyMs: 100 });

    await expect(sut.faults({ status: 200 })).rejects.toThrow(/status must be an integer/);
    await expect(sut.faults({ retryAfterSeconds: 3 })).rejects.toThrow(/needs a status/);
  });
});
