import { gzipSync } from 'node:zlib';
import { injectedAnswer, parseInfluxFaults } from './influx-compat-shim.faults';
import { countLines, InfluxWriteLog, tokenOf } from './influx-compat-shim.write-log';

describe(parseInfluxFaults.name, () => {
  it.each([
    [{}, {}],
    [{ latencyMs: 5_000 }, { latencyMs: 5_000 }],
    [
      { status: 503, retryAfterSeconds: 30 },
      { status: 503, retryAfterSeconds: 30 },
    ],
    [
      { status: 429, latencyMs: 0, retryAfterSeconds: null },
      { status: 429, latencyMs: 0 },
    ],
  ])('accepts %j', (input, faults) => {
    expect(parseInfluxFaults(input)).toEqual({ ok: true, faults });
  });

  it.each([
    [null, 'faults must be a JSON object'],
    [[], 'faults must be a JSON object'],
    [{ latency: 5 }, 'unknown fault(s): latency'],
    [{ latencyMs: -1 }, 'latencyMs must be an integer from 0 to 600000'],
    [{ latencyMs: 1.5 }, 'latencyMs must be an integer from 0 to 600000'],
    [{ latencyMs: '5' }, 'latencyMs must be an integer from 0 to 600000'],
    [{ status: 200 }, 'status must be an integer from 400 to 599'],
    [
      { status: 503, retryAfterSeconds: -3 },
      'retryAfterSeconds must be an integer from 0 to 86400',
    ],
    [{ retryAfterSeconds: 3 }, 'retryAfterSeconds needs a status'],
  ])('refuses %j', (input, message) => {
    expect(parseInfluxFaults(input)).toEqual({ ok: false, message });
  });
});

describe(injectedAnswer.name, () => {
  it('forwards when no status is set, latency or not', () => {
    expect(injectedAnswer({})).toBeUndefined();
    expect(injectedAnswer({ latencyMs: 5_000 })).toBeUndefined();
  });

  it('answers the status with Retry-After in seconds and a v2 error body', () => {
    expect(injectedAnswer({ status: 503, retryAfterSeconds: 30 })).toEqual({
      status: 503,
      headers: { 'retry-after': '30' },
      body: JSON.stringify({
        code: 'unavailable',
        message: 'fault injected by the test (status 503)',
      }),
    });
    expect(injectedAnswer({ status: 429 })).toMatchObject({
      status: 429,
      headers: {},
      body: expect.stringContaining('"too many requests"'),
    });
  });
});

describe(InfluxWriteLog.name, () => {
  it('records a write when received and completes it when answered', () => {
    const sut = new InfluxWriteLog();
    const record = sut.received({ lines: 3, token: 'worker-a', injected: true }, 1_000);
    expect(sut.list()).toEqual([
      {
        id: 1,
        receivedAt: 1_000,
        answeredAt: null,
        status: null,
        lines: 3,
        token: 'worker-a',
        injected: true,
      },
    ]);
    sut.answered(record, 503, 4_000);
    expect(sut.list()[0]).toMatchObject({ answeredAt: 4_000, status: 503 });
  });

  it('keeps only the newest records and hands out copies', () => {
    const sut = new InfluxWriteLog(2);
    for (let i = 0; i < 3; i++) sut.received({ lines: i, token: null, injected: false }, i);
    expect(sut.list().map((r) => r.id)).toEqual([2, 3]);
    sut.list()[0].status = 999;
    expect(sut.list()[0].status).toBeNull();
  });
});

describe(countLines.name, () => {
  it('counts non-empty lines, plain or gzip-compressed', () => {
    const body = 'telemetry,device=a t=1 1\ntelemetry,device=b t=2 2\n\n';
    expect(countLines(Buffer.from(body))).toBe(2);
    expect(countLines(gzipSync(body), 'gzip')).toBe(2);
    expect(countLines(Buffer.from(''))).toBe(0);
    expect(countLines(Buffer.from('not gzip'), 'gzip')).toBe(0);
  });
});

describe(tokenOf.name, () => {
  it('reads the token of a Token or Bearer header', () => {
    expect(tokenOf('Token worker-a')).toBe('worker-a');
    expect(tokenOf('Bearer abc')).toBe('abc');
    expect(tokenOf(undefined)).toBeNull();
    expect(tokenOf('Basic dXNlcg==')).toBeNull();
  });
});
