import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { InfluxDB, Point, setLogger } from '@influxdata/influxdb-client';
import { startInfluxDb, type InfluxServer } from './influx-server';
import { waitFor } from './wait-for';

const T0 = Date.UTC(2024, 0, 1);

async function shimWrite(
  sut: InfluxServer,
  body: string | Buffer,
  query: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${sut.url}/api/v2/write?${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      authorization: `Token ${sut.token}`,
      ...headers,
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

describe(startInfluxDb.name, () => {
  let sut: InfluxServer;

  beforeAll(async () => {
    sut = await startInfluxDb();
  });

  afterAll(() => sut?.stop());

  it('takes writes from @influxdata/influxdb-client through the shim; InfluxQL reads them back', async () => {
    const writeApi = new InfluxDB({ url: sut.url, token: sut.token }).getWriteApi(
      sut.org,
      sut.bucket,
      'ms',
      {
        gzipThreshold: 0, // every request gzip-compressed: Content-Encoding must pass through
        maxRetries: 0,
      },
    );
    for (const [i, value] of [20.5, 21, 21.5].entries()) {
      writeApi.writePoint(
        new Point('telemetry')
          .tag('device', 'pump-1')
          .floatField('t', value)
          .timestamp(new Date(T0 + i * 1000)),
      );
    }
    await writeApi.close();

    const rows = await sut.query(`select "t", "device" from "telemetry" order by time`, {
      epoch: 'ms',
    });
    expect(rows).toEqual([
      { time: T0, t: 20.5, device: 'pump-1' },
      { time: T0 + 1000, t: 21, device: 'pump-1' },
      { time: T0 + 2000, t: 21.5, device: 'pump-1' },
    ]);
  });

  it.each([
    ['s', 1, 1_000_000_000],
    ['ms', 1, 1_000_000],
    ['us', 1, 1_000],
    ['ns', 1, 1],
  ])('maps precision=%s to the v1 name', async (precision, stamp, expectedNs) => {
    const measurement = `precision_${precision}`;
    const { status } = await shimWrite(
      sut,
      `${measurement} v=1 ${stamp}`,
      `org=${sut.org}&bucket=${sut.bucket}&precision=${precision}`,
    );
    expect(status).toBe(204);
    expect(await sut.query(`select "v" from "${measurement}"`, { epoch: 'ns' })).toEqual([
      { time: expectedNs, v: 1 },
    ]);
  });

  it('answers v2 errors: unknown precision 400, unknown database 404, bad line protocol 400', async () => {
    const gz = gzipSync('m v=1 1');
    await expect(
      shimWrite(sut, gz, `bucket=${sut.bucket}&precision=h`, { 'content-encoding': 'gzip' }),
    ).resolves.toEqual({
      status: 400,
      body: JSON.stringify({
        code: 'invalid',
        message: 'invalid precision "h" (use ns, us, ms or s)',
      }),
    });
    const missing = await shimWrite(sut, 'm v=1 1', 'bucket=nowhere/autogen');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({
      code: 'not found',
      message: 'database not found: "nowhere"',
    });
    const bad = await shimWrite(sut, 'm v=', `bucket=${sut.bucket}`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('unable to parse'),
    });
  });

  it('simulates an outage: kill() leaves the shim answering 503, restart() brings the data back', async () => {
    const health = async () => (await fetch(`${sut.url}/health`)).status;
    expect(await health()).toBe(200);
    await sut.kill();
    expect(sut.running).toBe(false);
    const during = await shimWrite(sut, 'outage v=1 1', `bucket=${sut.bucket}`);
    expect(during.status).toBe(503);
    expect(JSON.parse(during.body)).toMatchObject({ code: 'unavailable' });
    expect(await health()).toBe(503);

    await sut.restart();
    expect(sut.running).toBe(true);
    expect(await health()).toBe(200);
    expect(await sut.query('select count("t") from "telemetry"')).toEqual([
      { time: '1970-01-01T00:00:00Z', count: 3 },
    ]);
  });

  it('lets the client ride out an outage: its write, refused with 503, is retried after restart()', async () => {
    const failures: number[] = [];
    const quiet = () => undefined;
    const logger = setLogger({ error: quiet, warn: quiet }); // the failed attempts are expected here
    const writeApi = new InfluxDB({ url: sut.url, token: sut.token }).getWriteApi(
      sut.org,
      sut.bucket,
      'ms',
      {
        ...{
          maxRetries: 50,
          minRetryDelay: 50,
          maxRetryDelay: 200,
          retryJitter: 0,
          maxRetryTime: 30_000,
        },
        writeFailed: (error) =>
          void failures.push((error as { statusCode?: number }).statusCode ?? 0),
      },
    );
    const rows = () => sut.query('select "v" from "during_outage"', { epoch: 'ms' });
    try {
      await sut.kill();
      writeApi.writePoint(new Point('during_outage').floatField('v', 7).timestamp(new Date(T0)));
      await writeApi.flush().catch(() => undefined); // the first attempt fails; the client keeps the point
      await waitFor(() => failures.length >= 2, { what: 'the client to retry during the outage' });
      expect(new Set(failures)).toEqual(new Set([503]));

      await sut.restart();
      await waitFor(async () => (await rows()).length > 0, { what: 'the retried point' });
    } finally {
      await writeApi.close().catch(() => undefined);
      setLogger(logger);
    }
    expect(await rows()).toEqual([{ time: T0, v: 7 }]);
  });

  it('stop() ends influxd and the shim and removes the directory', async () => {
    const other = await startInfluxDb({ database: 'other', retentionPolicy: 'short' });
    expect(other.bucket).toBe('other/short');
    await expect(shimWrite(other, 'm v=1 1', `bucket=${other.bucket}`)).resolves.toMatchObject({
      status: 204,
    });
    expect(await other.query('select "v" from "m"', { epoch: 'ns' })).toEqual([{ time: 1, v: 1 }]);
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
    await expect(fetch(`${other.v1Url}/ping`)).rejects.toThrow();
  });
});
