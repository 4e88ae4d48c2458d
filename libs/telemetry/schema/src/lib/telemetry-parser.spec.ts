import { DEFAULT_TELEMETRY_LIMITS } from './telemetry-limits';
import { parseTelemetry, parseTelemetryMessage, validateTelemetryValue } from './telemetry-parser';
import type { RejectReason } from './telemetry-parse-result';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const sut = (payload: Buffer | string) => parseTelemetry('engine-1', payload, NOW);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe(parseTelemetry.name, () => {
  describe('happy paths', () => {
    it('parses a single sample with every field', () => {
      const payload = json({ ts: NOW, seq: 42, state: 'RUN', metrics: { t2: 641.82, p30: 554 } });
      expect(sut(payload)).toEqual({
        samples: [
          {
            deviceId: 'engine-1',
            ts: NOW,
            seq: 42,
            state: 'RUN',
            metrics: { t2: 641.82, p30: 554 },
          },
        ],
        rejected: [],
      });
    });

    it('leaves seq and state out when the device does not send them', () => {
      const [sample] = sut(json({ ts: NOW, metrics: { a: 1 } })).samples;
      expect(sample).toStrictEqual({ deviceId: 'engine-1', ts: NOW, metrics: { a: 1 } });
    });

    it('parses a batch in order', () => {
      const batch = [0, 1, 2].map((i) => ({ ts: NOW - 3 + i, seq: i, metrics: { a: i } }));
      const result = sut(json({ batch }));
      expect(result.rejected).toEqual([]);
      expect(result.samples.map((s) => [s.ts, s.seq, s.metrics.a])).toEqual([
        [NOW - 3, 0, 0],
        [NOW - 2, 1, 1],
        [NOW - 1, 2, 2],
      ]);
    });

    it.each([
      ['Z', '2025-01-15T12:00:00Z', NOW],
      ['lower-case t and z', '2025-01-15t12:00:00z', NOW],
      ['milliseconds', '2025-01-15T11:59:59.123Z', NOW - 877],
      ['microseconds, truncated to ms', '2025-01-15T11:59:59.123999Z', NOW - 877],
      ['a positive offset', '2025-01-15T14:00:00+02:00', NOW],
      ['a negative offset', '2025-01-15T06:30:00-05:30', NOW],
      ['-00:00 (unknown local offset)', '2025-01-15T12:00:00-00:00', NOW],
    ])('parses an RFC 3339 ts with %s', (_case, ts, expected) => {
      expect(sut(json({ ts, metrics: { a: 1 } })).samples[0].ts).toBe(expected);
    });

    it.each([
      ['no metrics field', { ts: NOW, state: 'CUSTOMER_STOP' }],
      ['empty metrics', { ts: NOW, state: 'STANDBY', metrics: {} }],
    ])('accepts a state-only sample with %s', (_case, body) => {
      expect(sut(json(body))).toEqual({
        samples: [{ deviceId: 'engine-1', ts: NOW, state: body.state, metrics: {} }],
        rejected: [],
      });
    });

    it('ignores unknown fields, for forward compatibility', () => {
      const result = sut(json({ ts: NOW, fw: '1.2.3', metrics: { a: 1 }, extra: { nested: [1] } }));
      expect(result).toEqual({
        samples: [{ deviceId: 'engine-1', ts: NOW, metrics: { a: 1 } }],
        rejected: [],
      });
    });

    it('accepts text as well as bytes, with surrounding JSON whitespace', () => {
      expect(sut(` \n{"ts":${NOW},"metrics":{"a":1}}\r\n`).samples).toHaveLength(1);
    });
  });

  describe('sample-level problems reject that sample only', () => {
    it.each<[string, unknown, RejectReason]>([
      ['seq negative', { seq: -1 }, 'invalid_seq'],
      ['seq fractional', { seq: 1.5 }, 'invalid_seq'],
      ['seq a string', { seq: '1' }, 'invalid_seq'],
      ['seq null', { seq: null }, 'invalid_seq'],
      ['state in lower case', { state: 'run' }, 'invalid_state'],
      ['state unknown', { state: 'MAINTENANCE' }, 'invalid_state'],
      ['state null', { state: null }, 'invalid_state'],
      ['metrics an array', { metrics: [1, 2] }, 'invalid_shape'],
      ['metrics null', { metrics: null }, 'invalid_shape'],
      ['no metrics and no state', { metrics: undefined }, 'empty_sample'],
    ])('%s -> %s', (_case, override, reason) => {
      const good = { ts: NOW, metrics: { a: 1 } };
      const bad = { ts: NOW, metrics: { a: 1 }, ...(override as object) };
      const result = sut(json({ batch: [good, bad, good] }));
      expect(result.samples).toHaveLength(2);
      expect(result.rejected).toEqual([{ reason, detail: expect.any(String), index: 1 }]);
    });

    it.each([
      ['a number', 1],
      ['null', null],
      ['an array', [{ ts: NOW }]],
    ])('rejects a batch element that is %s', (_case, element) => {
      const result = sut(json({ batch: [{ ts: NOW, metrics: { a: 1 } }, element] }));
      expect(result.samples).toHaveLength(1);
      expect(result.rejected).toEqual([
        { reason: 'invalid_shape', detail: expect.any(String), index: 1 },
      ]);
    });

    it('rejects a sample with more than maxMetrics metrics', () => {
      const metrics = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`m${i}`, i]));
      const result = parseTelemetry('engine-1', json({ ts: NOW, metrics }), NOW, { maxMetrics: 3 });
      expect(result.rejected.map((r) => r.reason)).toEqual(['too_many_metrics']);
      const atLimit = parseTelemetry('engine-1', json({ ts: NOW, metrics }), NOW, {
        maxMetrics: 4,
      });
      expect(atLimit.samples).toHaveLength(1);
    });
  });

  describe('limits', () => {
    it('documents its defaults', () => {
      expect(DEFAULT_TELEMETRY_LIMITS).toEqual({
        maxPayloadBytes: 262_144,
        maxBatch: 1000,
        maxMetrics: 64,
        futureSkewMs: 300_000,
        pastWindowMs: 604_800_000,
        maxDepth: 16,
      });
    });

    it('accepts a payload of exactly maxPayloadBytes, and not one byte more', () => {
      const payload = JSON.stringify({ ts: NOW, pad: 'x'.repeat(100), metrics: { a: 1 } });
      const limits = { maxPayloadBytes: Buffer.byteLength(payload) };
      expect(parseTelemetry('engine-1', payload, NOW, limits).samples).toHaveLength(1);
      const over = parseTelemetry('engine-1', `${payload} `, NOW, limits);
      expect(over.rejected.map((r) => r.reason)).toEqual(['payload_too_large']);
    });

    it('accepts a batch of exactly maxBatch samples', () => {
      const batch = Array(1000).fill({ ts: NOW, metrics: { a: 1 } });
      expect(sut(json({ batch })).samples).toHaveLength(1000);
    });

    it('applies a partial override on top of the defaults', () => {
      const batch = Array(3).fill({ ts: NOW, metrics: { a: 1 } });
      const result = parseTelemetry('engine-1', json({ batch }), NOW, { maxBatch: 2 });
      expect(result.rejected.map((r) => r.reason)).toEqual(['batch_too_large']);
    });

    it('throws on a non-finite clock, a caller bug rather than a device fault', () => {
      expect(() => parseTelemetry('engine-1', '{}', Number.NaN)).toThrow(RangeError);
    });
  });
});

describe(parseTelemetryMessage.name, () => {
  it('takes the device id from the topic', () => {
    const result = parseTelemetryMessage(
      'devices/engine-7/telemetry',
      json({ ts: NOW, metrics: { a: 1 } }),
      NOW,
    );
    expect(result.samples[0].deviceId).toBe('engine-7');
  });

  it.each(['devices/engine-7/status', 'devices/a,b/telemetry', 'devices//telemetry'])(
    'rejects %s as invalid_topic',
    (topic) => {
      expect(parseTelemetryMessage(topic, '{}', NOW)).toEqual({
        samples: [],
        rejected: [{ reason: 'invalid_topic', detail: expect.any(String) }],
      });
    },
  );
});

describe(validateTelemetryValue.name, () => {
  it('applies the JSON rules to values another decoder made: names, finiteness, clock window', () => {
    const value = {
      batch: [
        { ts: NOW, metrics: { 'Inputs.Temp': 20.5, 'bad name': 1, nan: Number.NaN } },
        { ts: NOW + 3_600_000, metrics: { a: 1 } },
      ],
    };
    const result = validateTelemetryValue('pump-1', value, NOW);
    expect(result.samples).toEqual([
      { deviceId: 'pump-1', ts: NOW, metrics: { 'Inputs.Temp': 20.5 } },
    ]);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'invalid_name',
      'non_finite',
      'clock_skew',
    ]);
  });

  it('refuses an invalid device id as parseTelemetry does', () => {
    expect(validateTelemetryValue('svc-x', { ts: NOW, metrics: { a: 1 } }, NOW).rejected).toEqual(
      parseTelemetry('svc-x', json({ ts: NOW, metrics: { a: 1 } }), NOW).rejected,
    );
  });
});
