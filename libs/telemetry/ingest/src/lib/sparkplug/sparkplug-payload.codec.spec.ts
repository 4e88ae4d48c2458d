import { org } from 'sparkplug-payload/lib/sparkplugPayloadProto';
import {
  decodeSparkplugPayload,
  encodeSparkplugPayload,
  SparkplugDecodeError,
} from './sparkplug-payload.codec';

const Payload = org.eclipse.tahu.protobuf.Payload;

describe(decodeSparkplugPayload.name, () => {
  it('round-trips a payload with plain numbers for timestamp, seq and alias', () => {
    const sut = decodeSparkplugPayload(
      encodeSparkplugPayload({
        timestamp: 1_700_000_000_123,
        seq: 7,
        metrics: [{ name: 'Inputs/Temp', alias: 3, type: 'Double', value: 21.5 }],
      }),
    );
    expect(sut).toEqual({
      timestamp: 1_700_000_000_123,
      seq: 7,
      metrics: [{ name: 'Inputs/Temp', alias: 3, type: 'Double', value: 21.5, isNull: false }],
    });
  });

  it('keeps a UInt64 beyond 2^53 exact as a bigint', () => {
    // protobufjs takes a 64-bit field as a decimal string too; its types only name number and Long.
    const longValue = '18446744073709551610' as unknown as number;
    const bytes = Payload.encode(
      Payload.create({ metrics: [{ name: 'big', datatype: 8, longValue }] }),
    ).finish();
    expect(decodeSparkplugPayload(bytes).metrics[0]?.value).toBe(18446744073709551610n);
  });

  it('reads the raw value of a metric sent without its datatype (Sparkplug 3.0 data messages)', () => {
    const bytes = Payload.encode(
      Payload.create({
        seq: 1,
        metrics: [
          { alias: 3, doubleValue: 2.5 },
          { alias: 4, intValue: 7 },
        ],
      }),
    ).finish();
    expect(decodeSparkplugPayload(bytes).metrics).toEqual([
      { alias: 3, type: 'Unknown', value: 2.5, isNull: false },
      { alias: 4, type: 'Unknown', value: 7, isNull: false },
    ]);
  });

  it('throws a SparkplugDecodeError on bytes that are not a Sparkplug protobuf', () => {
    expect(() => decodeSparkplugPayload(Buffer.from('not protobuf at all'))).toThrow(
      SparkplugDecodeError,
    );
  });
});
