// One case per hostile input of rows I1-I8 in shared/specs/hostile-inputs.md.
import { parseTelemetry } from './telemetry-parser';
import type { RejectReason, TelemetryParseResult } from './telemetry-parse-result';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const VALID = `{"ts":${NOW},"metrics":{"t2":641.8}}`;

const sut = (payload: Buffer | string): TelemetryParseResult =>
  parseTelemetry('engine-1', payload, NOW);

/** A single-sample message whose raw JSON text for `metrics.x` is `literal`, beside `t2`. */
const withMetric = (literal: string) => `{"ts":${NOW},"metrics":{"t2":641.8,"x":${literal}}}`;
/** A single-sample message whose raw JSON text for `ts` is `literal`. */
const withTs = (literal: string) => `{"ts":${literal},"metrics":{"t2":641.8}}`;

function expectPayloadRejected(result: TelemetryParseResult, reason: RejectReason): void {
  expect(result.samples).toEqual([]);
  expect(result.rejected).toEqual([{ reason, detail: expect.any(String) }]);
}

function expectSampleRejected(result: TelemetryParseResult, reason: RejectReason): void {
  expect(result.samples).toEqual([]);
  expect(result.rejected).toEqual([{ reason, detail: expect.any(String), index: 0 }]);
}

const nested = (depth: number, open: string, close: string) =>
  open.repeat(depth) + close.repeat(depth);

describe(`${parseTelemetry.name} against hostile inputs`, () => {
  describe('I1: unparseable payloads are rejected whole', () => {
    it.each<[string, Buffer | string, RejectReason]>([
      ['plain text', 'hello', 'invalid_json'],
      ['empty payload', '', 'invalid_json'],
      ['truncated JSON', VALID.slice(0, -3), 'invalid_json'],
      ['trailing garbage', `${VALID} x`, 'invalid_json'],
      ['two concatenated documents', `${VALID}${VALID}`, 'invalid_json'],
      ['BOM before JSON (text)', `\uFEFF${VALID}`, 'invalid_json'],
      [
        'BOM before JSON (UTF-8 bytes)',
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VALID)]),
        'invalid_json',
      ],
      [
        'invalid UTF-8 bytes',
        Buffer.concat([Buffer.from('{"ts":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
        'invalid_json',
      ],
      ['10k nested arrays', nested(10_000, '[', ']'), 'invalid_shape'],
      ['10k nested objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, 'invalid_shape'],
      ['deep nesting inside a valid sample', withMetric(nested(20, '[', ']')), 'invalid_shape'],
      ['1 MiB payload (bytes)', Buffer.alloc(1024 * 1024, 0x20), 'payload_too_large'],
      [
        '1 MiB payload (text)',
        `{"ts":${NOW},"pad":"${'x'.repeat(1024 * 1024)}","metrics":{"a":1}}`,
        'payload_too_large',
      ],
      [
        '300 KB of 3-byte characters in 100k code units',
        `"${'€'.repeat(100_000)}"`,
        'payload_too_large',
      ],
      ['a JSON array', `[${VALID}]`, 'invalid_shape'],
      ['a JSON string', '"telemetry"', 'invalid_shape'],
      ['JSON null', 'null', 'invalid_shape'],
      ['a batch that is not an array', '{"batch":{"ts":1}}', 'invalid_shape'],
      ['an empty batch', '{"batch":[]}', 'invalid_shape'],
      [
        'a batch of 1001 samples',
        `{"batch":[${Array(1001).fill(VALID).join(',')}]}`,
        'batch_too_large',
      ],
    ])('%s -> %s', (_case, payload, reason) => {
      expectPayloadRejected(sut(payload), reason);
    });

    it('keeps device text in the detail escaped', () => {
      const { detail } = sut('{"a":\n\u0000}').rejected[0];
      expect(detail).not.toContain('\n');
      expect(detail).not.toContain('\u0000');
    });

    it('names the BOM in the detail, rather than a JSON syntax error', () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VALID)]);
      expect(sut(bytes).rejected[0].detail).toMatch(/byte order mark/);
    });
  });

  describe('I2: values fail a strict finite-number check, never parseFloat', () => {
    it.each<[string, string, RejectReason]>([
      ['NaN', 'NaN', 'invalid_json'],
      ['Infinity', 'Infinity', 'invalid_json'],
      ['-Infinity', '-Infinity', 'invalid_json'],
    ])('%s is not JSON: the payload is rejected', (_case, literal, reason) => {
      expectPayloadRejected(sut(withMetric(literal)), reason);
    });

    it.each<[string, string, RejectReason]>([
      ['1e400 (JSON.parse gives Infinity)', '1e400', 'non_finite'],
      ['-1e400', '-1e400', 'non_finite'],
      ['"12abc" (parseFloat would say 12)', '"12abc"', 'type_mismatch'],
      ['"12" (a numeric string is still a string)', '"12"', 'type_mismatch'],
      ['"NaN"', '"NaN"', 'type_mismatch'],
      ['true', 'true', 'type_mismatch'],
      ['null', 'null', 'type_mismatch'],
      ['an object', '{"v":1}', 'type_mismatch'],
      ['an array', '[1]', 'type_mismatch'],
    ])('%s drops that metric only (%s)', (_case, literal, reason) => {
      const result = sut(withMetric(literal));
      expect(result.samples).toEqual([{ deviceId: 'engine-1', ts: NOW, metrics: { t2: 641.8 } }]);
      expect(result.rejected).toEqual([
        { reason, detail: expect.stringContaining('"x"'), index: 0 },
      ]);
    });

    it('accepts -0 and normalises it to 0', () => {
      const { samples, rejected } = sut(withMetric('-0'));
      expect(rejected).toEqual([]);
      expect(Object.is(samples[0].metrics.x, 0)).toBe(true);
    });
  });

  describe('I3: integers beyond 2^53 are rejected, not rounded', () => {
    it.each([
      ['2^53 + 1', '9007199254740993'],
      ['2^53 (exact, but indistinguishable from 2^53 + 1)', '9007199254740992'],
      ['-(2^53 + 1)', '-9007199254740993'],
      ['20 digits', '12345678901234567890'],
    ])('metric %s -> unsafe_integer, the rest kept', (_case, literal) => {
      const result = sut(withMetric(literal));
      expect(result.samples[0].metrics).toEqual({ t2: 641.8 });
      expect(result.rejected).toEqual([
        { reason: 'unsafe_integer', detail: expect.stringContaining(literal), index: 0 },
      ]);
    });

    it.each([
      ['2^53 - 1', '9007199254740991', 9007199254740991],
      ['-(2^53 - 1)', '-9007199254740991', -9007199254740991],
      ['a negative 15-digit integer', '-123456789012345', -123456789012345],
      ['a float literal with an exponent', '1e300', 1e300],
      ['a float literal with a fraction', '9007199254740993.0', 9007199254740992],
    ])('metric %s is kept', (_case, literal, expected) => {
      expect(sut(withMetric(literal))).toEqual({
        samples: [{ deviceId: 'engine-1', ts: NOW, metrics: { t2: 641.8, x: expected } }],
        rejected: [],
      });
    });

    it('rejects the sample for an unsafe seq or ts', () => {
      expectSampleRejected(
        sut(`{"ts":${NOW},"seq":9007199254740993,"metrics":{"a":1}}`),
        'unsafe_integer',
      );
      expectSampleRejected(sut(withTs('9007199254740993')), 'unsafe_integer');
    });

    it('ignores digits inside strings and unsafe integers in ignored fields', () => {
      const payload = `{"ts":${NOW},"note":"90071992547409930","ext":9007199254740993,"metrics":{"a":1}}`;
      expect(sut(payload).rejected).toEqual([]);
    });
  });

  describe('I4: timestamps outside the clock window count as clock_skew', () => {
    it.each([
      ['5 min + 1 ms in the future', String(NOW + 5 * MINUTE + 1)],
      ['7 days + 1 ms in the past', String(NOW - 7 * DAY - 1)],
      ['before 1970', '-1'],
      ['the epoch', '0'],
      ['past year 2262', String(Date.UTC(2263, 0, 1))],
      ['epoch seconds instead of ms', String(Math.floor(NOW / 1000))],
      ['fractional epoch seconds', String(NOW / 1000 + 0.25)],
      ['RFC 3339 in the future', '"2025-01-15T12:05:00.001Z"'],
      ['RFC 3339 before 1970', '"1969-12-31T23:59:59Z"'],
      ['RFC 3339 past year 2262', '"2263-01-01T00:00:00Z"'],
      ['RFC 3339 year 0000', '"0000-01-01T00:00:00Z"'],
    ])('%s', (_case, literal) => {
      expectSampleRejected(sut(withTs(literal)), 'clock_skew');
    });

    it.each([
      ['exactly 5 min ahead', NOW + 5 * MINUTE],
      ['exactly 7 days behind', NOW - 7 * DAY],
    ])('accepts the window edge: %s', (_case, ts) => {
      expect(sut(withTs(String(ts))).samples).toEqual([
        { deviceId: 'engine-1', ts, metrics: { t2: 641.8 } },
      ]);
    });

    it.each([
      ['missing', `{"metrics":{"a":1}}`, 'invalid_timestamp'],
      ['null', withTs('null'), 'invalid_timestamp'],
      ['a boolean', withTs('true'), 'invalid_timestamp'],
      ['epoch ms as a string', withTs(`"${NOW}"`), 'invalid_timestamp'],
      ['fractional ms', withTs(String(NOW + 0.5)), 'invalid_timestamp'],
      ['a date without time', withTs('"2025-01-15"'), 'invalid_timestamp'],
      ['no offset', withTs('"2025-01-15T12:00:00"'), 'invalid_timestamp'],
      ['a space separator', withTs('"2025-01-15 12:00:00Z"'), 'invalid_timestamp'],
      ['30 February', withTs('"2025-02-30T12:00:00Z"'), 'invalid_timestamp'],
      ['hour 24', withTs('"2025-01-15T24:00:00Z"'), 'invalid_timestamp'],
      ['a leap second', withTs('"2025-01-15T11:59:60Z"'), 'invalid_timestamp'],
      ['offset +24:00', withTs('"2025-01-15T12:00:00+24:00"'), 'invalid_timestamp'],
      ['1e400', withTs('1e400'), 'non_finite'],
    ] as const)('rejects a ts that is %s (%s)', (_case, payload, reason) => {
      expectSampleRejected(sut(payload), reason);
    });

    it('still bounds ts to 1970..2262 with unbounded windows', () => {
      const limits = { pastWindowMs: Infinity, futureSkewMs: Infinity };
      const parse = (ts: number) => parseTelemetry('engine-1', withTs(String(ts)), NOW, limits);
      expect(parse(-1).rejected[0].reason).toBe('clock_skew');
      expect(parse(Date.UTC(2262, 3, 12)).rejected[0].reason).toBe('clock_skew');
      expect(parse(0).samples).toHaveLength(1);
      expect(parse(Date.UTC(2262, 3, 11)).samples).toHaveLength(1);
    });
  });

  describe('I5: redelivery and reboots are not the parser’s to drop', () => {
    it('keeps duplicate and backwards seq values', () => {
      const sample = (seq: number) => `{"ts":${NOW},"seq":${seq},"metrics":{"a":1}}`;
      const result = sut(`{"batch":[${sample(7)},${sample(7)},${sample(0)}]}`);
      expect(result.rejected).toEqual([]);
      expect(result.samples.map((s) => s.seq)).toEqual([7, 7, 0]);
    });
  });

  describe('I6: names that become tags or fields must match the id pattern', () => {
    it.each([
      ['a comma', 'a,b'],
      ['an equals sign', 'a=b'],
      ['a space', 'a b'],
      ['a newline', 'a\nb'],
      ['a control character', 'a\u0001b'],
      ['a slash', 'a/b'],
      ['an MQTT wildcard', 'a+'],
      ['a non-ASCII letter', 'é'],
      ['nothing', ''],
      ['65 characters', 'a'.repeat(65)],
    ])('device id with %s -> invalid_name, whole payload', (_case, deviceId) => {
      expectPayloadRejected(parseTelemetry(deviceId, VALID, NOW), 'invalid_name');
    });

    it.each([
      ['a comma', 'a,b'],
      ['an equals sign', 'a=b'],
      ['a space', 'a b'],
      ['a newline', 'a\nb'],
      ['a control character', 'a\u0000b'],
      ['a quote', 'a"b'],
      ['65 characters', 'a'.repeat(65)],
      ['nothing', ''],
      ['a leading underscore (InfluxDB reserved)', '_time'],
      ['__proto__', '__proto__'],
      ['the seq field name', 'seq'],
      ['the state field name', 'state'],
      ['the device tag name', 'device'],
    ])('metric name with %s -> invalid_name, that metric only', (_case, name) => {
      const payload = JSON.stringify({ ts: NOW, metrics: { ok: 1, [name]: 2 } });
      const result = sut(payload);
      expect(result.samples).toEqual([{ deviceId: 'engine-1', ts: NOW, metrics: { ok: 1 } }]);
      expect(result.rejected).toEqual([
        { reason: 'invalid_name', detail: expect.any(String), index: 0 },
      ]);
      expect(result.rejected[0].detail).not.toContain('\n');
      expect(result.rejected[0].detail).not.toContain('\u0000');
    });
  });

  describe('I7: a field that flips type loses only the offending values', () => {
    it('drops the string value and keeps the rest of the batch', () => {
      const batch = [
        { ts: NOW - 2, seq: 1, metrics: { rpm: 1000, temp: 80 } },
        { ts: NOW - 1, seq: 2, metrics: { rpm: '1000', temp: 81 } },
        { ts: NOW, seq: 3, metrics: { rpm: 1002, temp: 82 } },
      ];
      const result = sut(JSON.stringify({ batch }));
      expect(result.samples.map((s) => s.metrics)).toEqual([
        { rpm: 1000, temp: 80 },
        { temp: 81 },
        { rpm: 1002, temp: 82 },
      ]);
      expect(result.rejected).toEqual([
        { reason: 'type_mismatch', detail: expect.stringContaining('"rpm"'), index: 1 },
      ]);
    });

    it('rejects a sample whose every metric was dropped and which has no state', () => {
      const result = sut(`{"batch":[{"ts":${NOW},"metrics":{"rpm":"1000"}},${VALID}]}`);
      expect(result.samples).toHaveLength(1);
      expect(result.rejected.map((r) => [r.reason, r.index])).toEqual([
        ['type_mismatch', 0],
        ['empty_sample', 0],
      ]);
    });

    it('keeps a sample whose every metric was dropped when it has a state', () => {
      const result = sut(`{"ts":${NOW},"state":"FAULT","metrics":{"rpm":"1000"}}`);
      expect(result.samples).toEqual([
        { deviceId: 'engine-1', ts: NOW, state: 'FAULT', metrics: {} },
      ]);
      expect(result.rejected.map((r) => r.reason)).toEqual(['type_mismatch']);
    });
  });

  describe('I8: samples with hundreds of metrics with long names are refused by default', () => {
    const wide = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [
          `${'m'.repeat(60)}${String(i).padStart(4, '0')}`,
          i,
        ]),
      );

    it('rejects a sample of 256 metrics of 64-character names as too_many_metrics', () => {
      const result = sut(JSON.stringify({ ts: NOW, metrics: wide(256) }));
      expectSampleRejected(result, 'too_many_metrics');
      expect(result.rejected[0].detail).toBe('256 metrics, at most 64 allowed');
    });

    it('rejects only the wide sample of a batch and keeps a turbofan-sized one (26 metrics)', () => {
      const batch = [
        { ts: NOW, metrics: wide(26) },
        { ts: NOW, metrics: wide(65) },
      ];
      const result = sut(JSON.stringify({ batch }));
      expect(result.samples).toHaveLength(1);
      expect(result.rejected.map((r) => [r.reason, r.index])).toEqual([['too_many_metrics', 1]]);
    });

    it('accepts exactly 64 metrics', () => {
      expect(sut(JSON.stringify({ ts: NOW, metrics: wide(64) })).samples).toHaveLength(1);
    });
  });
});
