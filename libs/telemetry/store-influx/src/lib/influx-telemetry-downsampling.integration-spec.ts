import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import { startInfluxDb, type InfluxServer } from '@hourglass/testing-services';
import { pickResolution } from '@hourglass/telemetry-store';
import { InfluxTelemetryStore } from './influx-telemetry.store';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** s2 = i (exact minute means), s3 = 2i on even seconds only; within raw retention (InfluxDB drops older points). */
function series(deviceId: string, start: number, seconds: number): TelemetrySample[] {
  return Array.from({ length: seconds }, (_, i) => ({
    deviceId,
    ts: start + i * 1000,
    seq: i,
    state: 'RUN' as const,
    metrics: { s2: i, ...(i % 2 === 0 ? { s3: 2 * i } : {}) },
  }));
}

describe(`${InfluxTelemetryStore.name} retention and downsampling`, () => {
  let influx: InfluxServer;
  let sut: InfluxTelemetryStore;
  const log: string[] = [];
  const t0 = Math.floor(Date.now() / HOUR) * HOUR - 4 * HOUR;

  beforeAll(async () => {
    influx = await startInfluxDb();
    sut = new InfluxTelemetryStore({
      url: influx.url,
      token: influx.token,
      org: influx.org,
      bucket: influx.bucket,
      log: (l) => log.push(l),
    });
  }, 120_000);

  afterAll(async () => {
    await influx?.stop();
  });

  it('sets retention policies and continuous queries at start, replacing a stale one, idempotently', async () => {
    await influx.query(
      `CREATE RETENTION POLICY "rp_1m" ON "${influx.database}" DURATION 2d REPLICATION 1`,
    );
    await influx.query(
      `CREATE CONTINUOUS QUERY "cq_telemetry_1m" ON "${influx.database}" BEGIN ` +
        `SELECT mean(*) INTO "rp_1m"."telemetry_1m" FROM "telemetry" GROUP BY time(5m), * END`,
    );
    await expect(sut.prepare()).resolves.toEqual({
      version: expect.stringMatching(/^1\.6\./),
      applied: true,
    });
    const policies = await influx.query(`SHOW RETENTION POLICIES ON "${influx.database}"`);
    expect(policies.map((p) => [p['name'], p['duration'], p['default']])).toEqual([
      ['autogen', '720h0m0s', true],
      ['rp_1m', '8760h0m0s', false],
      ['rp_1h', '43800h0m0s', false],
    ]);
    const queries = await influx.query('SHOW CONTINUOUS QUERIES');
    expect(queries.map((q) => q['name'])).toEqual(['cq_telemetry_1m', 'cq_telemetry_1h']);
    expect(queries[0]!['query']).toMatch(
      /RESAMPLE FOR 2m BEGIN SELECT mean\(\*\) INTO hourglass.rp_1m.telemetry_1m FROM hourglass.autogen.telemetry GROUP BY time\(1m\), \* END/,
    );

    await sut.prepare();
    expect(await influx.query(`SHOW RETENTION POLICIES ON "${influx.database}"`)).toEqual(policies);
    expect(await influx.query('SHOW CONTINUOUS QUERIES')).toEqual(queries);
    expect(log.at(-1)).toMatch(/retention autogen\/rp_1m\/rp_1h and continuous queries applied/);
  });

  it('aggregates 1-second data on demand into exact 1-minute and 1-hour means, read back as rows', async () => {
    const samples = series('d-1', t0, 3 * 3600);
    for (let i = 0; i < samples.length; i += 3600) await sut.write(samples.slice(i, i + 3600));
    expect(await sut.downsample(t0, t0 + 3 * HOUR)).toEqual({ '1m': 180, '1h': 3 });

    const minutes = await sut.query('d-1', { from: t0, to: t0 + 3 * HOUR, resolution: '1m' });
    expect(minutes).toHaveLength(180);
    expect(minutes[0]).toEqual({ ts: t0, metrics: { s2: 29.5, s3: 58 } });
    expect(
      minutes.every(
        (m, k) =>
          m.ts === t0 + k * MINUTE &&
          m.metrics['s2'] === 60 * k + 29.5 &&
          m.metrics['s3'] === 2 * (60 * k + 29),
      ),
    ).toBe(true);
    const hours = await sut.query('d-1', { from: t0, to: t0 + 3 * HOUR, resolution: '1h' });
    expect(hours).toEqual(
      [0, 1, 2].map((h) => ({
        ts: t0 + h * HOUR,
        metrics: { s2: 3600 * h + 1799.5, s3: 2 * (3600 * h + 1799) },
      })),
    );
    // The raw samples per bucket, which mean(*) does not keep: InfluxDB itself counts them.
    const counts = await influx.query(
      `SELECT count("s2") AS n, count("s3") AS m FROM "telemetry" WHERE time >= ${t0}ms AND time < ${t0 + HOUR}ms GROUP BY time(1h)`,
    );
    expect(counts.map((c) => [c['n'], c['m']])).toEqual([[3600, 1800]]);
  });

  it('rewrites whole buckets, so a second run or a late sample never double counts', async () => {
    await sut.write([{ deviceId: 'd-1', ts: t0 + 500, metrics: { s2: 1000 } }]);
    await sut.downsample(t0 + 30_000, t0 + 30_001);
    await sut.downsample(t0, t0 + MINUTE);
    const [minute] = await sut.query('d-1', { from: t0, to: t0 + MINUTE, resolution: '1m' });
    expect(minute.metrics).toEqual({ s2: (1770 + 1000) / 61, s3: 58 });
    const [hour] = await sut.query('d-1', {
      from: t0,
      to: t0 + HOUR,
      resolution: '1h',
      metrics: ['s2'],
    });
    expect(hour.metrics['s2']).toBeCloseTo((3599 * 1800 + 1000) / 3601, 9);
  });

  it('answers a year-long chart from the 1-hour means', async () => {
    const now = Date.now();
    const resolution = pickResolution(now - 365 * DAY, now, {
      nowMs: now,
      retention: sut.retention,
    });
    expect(resolution).toBe('1h');
    const rows = await sut.query('d-1', {
      from: now - 365 * DAY,
      to: now,
      resolution,
      metrics: ['s3'],
    });
    expect(rows.map((r) => r.ts)).toEqual([t0, t0 + HOUR, t0 + 2 * HOUR]);
    expect(rows[2]!.metrics).toEqual({ s3: 2 * (7200 + 1799) });
  });

  it('keeps reading raw samples by default', async () => {
    expect(await sut.query('d-1', { from: t0 + 1000, to: t0 + 3000 })).toEqual([
      { ts: t0 + 1000, seq: 1, state: 'RUN', metrics: { s2: 1 } },
      { ts: t0 + 2000, seq: 2, state: 'RUN', metrics: { s2: 2, s3: 4 } },
    ]);
  });

  describe('on servers announcing 2.x and 3.x (a stub answering /ping and the v2 API)', () => {
    let server: Server;
    let version = '';
    const requests: string[] = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`.trim());
        const headers = { 'X-Influxdb-Version': version, 'Content-Type': 'application/json' };
        if (req.url === '/ping') res.writeHead(204, headers).end();
        else
          res
            .writeHead(401, headers)
            .end(JSON.stringify({ code: 'unauthorized', message: 'unauthorized access' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const store = (lines: string[]) =>
      new InfluxTelemetryStore({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        org: 'acme',
        bucket: 'hourglass',
        token: 'read-nothing',
        log: (l) => lines.push(l),
      });

    it('on 3.x leaves retention and downsampling to the server and says so', async () => {
      version = 'v3.3.0';
      requests.length = 0;
      const lines: string[] = [];
      await expect(store(lines).prepare()).resolves.toEqual({ version: 'v3.3.0', applied: false });
      expect(requests).toEqual(['GET /ping Token read-nothing']);
      expect(lines).toEqual([
        expect.stringMatching(
          /InfluxDB v3\.3\.0: retention and downsampling are not managed by Hourglass/,
        ),
      ]);
    });

    it('on 2.x sets the layout up through the v2 API with the token, and names the refusal when the token may not read the org', async () => {
      version = 'v2.7.11';
      requests.length = 0;
      await expect(store([]).prepare()).rejects.toThrow(
        'InfluxDB refused reading the org: HTTP 401 unauthorized access',
      );
      expect(requests).toEqual([
        'GET /ping Token read-nothing',
        'GET /api/v2/orgs?org=acme Token read-nothing',
      ]);
    });
  });
});
