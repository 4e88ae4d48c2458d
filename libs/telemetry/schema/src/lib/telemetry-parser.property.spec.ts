import fc from 'fast-check';
import { parseTelemetry } from './telemetry-parser';
import { DEVICE_STATES, type TelemetrySample } from './telemetry-sample';
import {
  DEVICE_ID_PATTERN,
  isValidDeviceId,
  isValidMetricName,
  METRIC_NAME_PATTERN,
} from './telemetry-names';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const WINDOW = { min: NOW - 7 * 86_400_000, max: NOW + 5 * 60_000 };

const deviceId = fc.stringMatching(DEVICE_ID_PATTERN).filter(isValidDeviceId);
const metricName = fc.stringMatching(METRIC_NAME_PATTERN).filter(isValidMetricName);
/**
 * Finite doubles, except the integral ones JSON.stringify writes as integer literals beyond 2^53
 * (it switches to exponents at 1e21): the parser rejects those as unsafe_integer by design.
 */
const finite = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((v) => v + 0)
  .filter((v) => !/^-?\d{16,}$/.test(JSON.stringify(v)) || Number.isSafeInteger(v));

/** Any sample parseTelemetry must accept, as the device would send it. */
const validSample = fc
  .record(
    {
      deviceId,
      ts: fc.integer(WINDOW),
      seq: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      metrics: fc.dictionary(metricName, finite, { maxKeys: 20 }),
      state: fc.constantFrom(...DEVICE_STATES),
    },
    { requiredKeys: ['deviceId', 'ts', 'metrics'] },
  )
  .filter((s) => s.state !== undefined || Object.keys(s.metrics).length > 0);

const wire = ({ deviceId: _id, ...body }: TelemetrySample) => body;

describe(`${parseTelemetry.name} (properties)`, () => {
  it('round-trips any valid sample through JSON.stringify unchanged', () => {
    fc.assert(
      fc.property(validSample, (sample) => {
        const result = parseTelemetry(sample.deviceId, JSON.stringify(wire(sample)), NOW);
        expect(result).toEqual({ samples: [sample], rejected: [] });
      }),
    );
  });

  it('round-trips any valid batch from the same device', () => {
    fc.assert(
      fc.property(deviceId, fc.array(validSample, { minLength: 1, maxLength: 20 }), (id, batch) => {
        const samples = batch.map((s) => ({ ...s, deviceId: id }));
        const payload = Buffer.from(JSON.stringify({ batch: samples.map(wire) }));
        expect(parseTelemetry(id, payload, NOW)).toEqual({ samples, rejected: [] });
      }),
    );
  });

  it('accepts the RFC 3339 form of any valid ts', () => {
    fc.assert(
      fc.property(validSample, (sample) => {
        const body = { ...wire(sample), ts: new Date(sample.ts).toISOString() };
        expect(parseTelemetry(sample.deviceId, JSON.stringify(body), NOW).samples).toEqual([
          sample,
        ]);
      }),
    );
  });

  it('rejects any integer literal beyond ±(2^53 - 1) instead of rounding it', () => {
    const unsafe = fc.oneof(
      fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max: 10n ** 30n }),
      fc.bigInt({ min: -(10n ** 30n), max: -BigInt(Number.MAX_SAFE_INTEGER) - 1n }),
    );
    fc.assert(
      fc.property(unsafe, (n) => {
        const result = parseTelemetry('engine-1', `{"ts":${NOW},"metrics":{"a":1,"x":${n}}}`, NOW);
        expect(result.samples[0].metrics).toEqual({ a: 1 });
        expect(result.rejected.map((r) => r.reason)).toEqual(['unsafe_integer']);
      }),
    );
  });

  it('never throws and only ever returns valid samples, whatever the payload', () => {
    const payload = fc.oneof(
      fc.string(),
      fc.json(),
      fc.anything().map((v) => JSON.stringify({ ts: NOW, metrics: v })),
      fc.anything().map((v) => JSON.stringify({ batch: [v, { ts: NOW, metrics: { a: v } }] })),
    );
    fc.assert(
      fc.property(payload, (text) => {
        const { samples, rejected } = parseTelemetry('engine-1', text, NOW);
        for (const s of samples) {
          expect(Number.isInteger(s.ts)).toBe(true);
          expect(Object.values(s.metrics).every(Number.isFinite)).toBe(true);
          expect(Object.keys(s.metrics).every(isValidMetricName)).toBe(true);
        }
        expect(samples.length + rejected.length).toBeGreaterThan(0);
      }),
    );
  });
});
