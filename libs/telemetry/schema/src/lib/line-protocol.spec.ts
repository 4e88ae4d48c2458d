import fc from 'fast-check';
import {
  encodeLineProtocol,
  escapeMeasurement,
  escapeStringFieldValue,
  escapeTag,
} from './line-protocol';
import type { TelemetrySample } from './telemetry-sample';

const TS = Date.UTC(2025, 0, 15, 12);

describe(encodeLineProtocol.name, () => {
  it.each<[string, TelemetrySample, string]>([
    [
      'metrics as floats, seq as integer, state as string',
      { deviceId: 'engine-1', ts: TS, seq: 42, state: 'RUN', metrics: { t2: 641.82, nf: 5 } },
      `telemetry,device=engine-1 t2=641.82,nf=5,seq=42i,state="RUN" ${TS}`,
    ],
    [
      'a state-only sample',
      { deviceId: 'e', ts: TS, state: 'CUSTOMER_STOP', metrics: {} },
      `telemetry,device=e state="CUSTOMER_STOP" ${TS}`,
    ],
    [
      'extreme floats in round-trip form',
      { deviceId: 'e', ts: 0, metrics: { big: 1e21, tiny: 5e-324, neg: -0.1 } },
      'telemetry,device=e big=1e+21,tiny=5e-324,neg=-0.1 0',
    ],
  ])('encodes %s', (_case, sample, line) => {
    expect(encodeLineProtocol(sample)).toBe(line);
  });

  it('escapes the measurement and the device tag', () => {
    const sample: TelemetrySample = { deviceId: 'a b', ts: 1, metrics: { x: 1 } };
    expect(encodeLineProtocol(sample, 'my measurement')).toBe(
      'my\\ measurement,device=a\\ b x=1 1',
    );
  });

  it('writes every float so that it parses back to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const line = encodeLineProtocol({ deviceId: 'e', ts: 1, metrics: { v: value } });
        const field = line.split(' ')[1];
        expect(Number(field.slice('v='.length))).toBe(value + 0);
      }),
    );
  });

  it.each<[string, TelemetrySample]>([
    ['no field', { deviceId: 'e', ts: TS, metrics: {} }],
    ['a non-finite metric', { deviceId: 'e', ts: TS, metrics: { a: Number.NaN } }],
    ['a fractional ts', { deviceId: 'e', ts: TS + 0.5, metrics: { a: 1 } }],
    ['a fractional seq', { deviceId: 'e', ts: TS, seq: 1.5, metrics: { a: 1 } }],
    ['a device id with a newline', { deviceId: 'a\nb', ts: TS, metrics: { a: 1 } }],
  ])('refuses a sample with %s', (_case, sample) => {
    expect(() => encodeLineProtocol(sample)).toThrow(RangeError);
  });
});

describe(escapeMeasurement.name, () => {
  it.each([
    ['telemetry', 'telemetry'],
    ['a,b c', 'a\\,b\\ c'],
    ['a=b', 'a=b'],
    ['trailing\\', 'trailing\\\\'],
  ])('%j -> %j', (raw, escaped) => {
    expect(escapeMeasurement(raw)).toBe(escaped);
  });

  it.each(['', 'a\nb', 'a\rb'])('refuses %j', (raw) => {
    expect(() => escapeMeasurement(raw)).toThrow(RangeError);
  });
});

describe(escapeTag.name, () => {
  it.each([
    ['engine-1', 'engine-1'],
    ['a,b=c d', 'a\\,b\\=c\\ d'],
    ['back\\slash', 'back\\\\slash'],
    ['"quoted"', '"quoted"'],
  ])('%j -> %j', (raw, escaped) => {
    expect(escapeTag(raw)).toBe(escaped);
  });

  it.each(['', 'a\nb'])('refuses %j', (raw) => {
    expect(() => escapeTag(raw)).toThrow(RangeError);
  });

  it('leaves no unescaped separator, and unescapes back to the input', () => {
    const text = fc.string({ minLength: 1 }).filter((s) => !/[\n\r]/.test(s));
    fc.assert(
      fc.property(text, (raw) => {
        const escaped = escapeTag(raw);
        expect(escaped.replace(/\\./g, '')).not.toMatch(/[\\,= ]/);
        expect(escaped.replace(/\\(.)/g, '$1')).toBe(raw);
      }),
    );
  });
});

describe(escapeStringFieldValue.name, () => {
  it.each([
    ['RUN', 'RUN'],
    ['say "hi"', 'say \\"hi\\"'],
    ['a\\b', 'a\\\\b'],
    ['a,b=c d', 'a,b=c d'],
  ])('%j -> %j', (raw, escaped) => {
    expect(escapeStringFieldValue(raw)).toBe(escaped);
  });

  it('refuses a line break', () => {
    expect(() => escapeStringFieldValue('a\nb')).toThrow(RangeError);
  });
});
