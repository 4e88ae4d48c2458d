import { sparkplugMetricName, sparkplugSampleValues } from './sparkplug-samples';

describe(sparkplugSampleValues.name, () => {
  it('groups numbers and Booleans by timestamp and leaves other types out, counted', () => {
    const sut = sparkplugSampleValues(
      [
        { name: 'Inputs/Temp', type: 'Double', value: 20.5 },
        { name: 'Running', type: 'Boolean', value: true },
        { name: 'Model', type: 'String', value: 'P-100' },
        { name: 'Count', type: 'Int32', value: 4, timestamp: 5 },
      ],
      1_000,
      9_999,
    );
    expect(sut).toEqual({
      message: {
        batch: [
          { ts: 1_000, metrics: { 'Inputs.Temp': 20.5, Running: 1 } },
          { ts: 5, metrics: { Count: 4 } },
        ],
      },
      ignored: 1,
      unsafe: [],
    });
  });

  it('refuses a 64-bit integer a double would round, and stamps with the clock without timestamps', () => {
    const sut = sparkplugSampleValues(
      [
        { name: 'big', type: 'UInt64', value: 2n ** 60n },
        { name: 'ok', type: 'Float', value: 1 },
      ],
      undefined,
      42,
    );
    expect(sut.unsafe).toEqual([`big: integer ${2n ** 60n} is beyond 2^53`]);
    expect(sut.message).toEqual({ batch: [{ ts: 42, metrics: { ok: 1 } }] });
  });

  it('has no message when nothing is numeric', () => {
    expect(
      sparkplugSampleValues([{ name: 's', type: 'String', value: 'x' }], 1, 1).message,
    ).toBeNull();
  });
});

describe(sparkplugMetricName.name, () => {
  it('turns Sparkplug folders into dots and spaces into underscores', () => {
    expect(sparkplugMetricName('Node Metrics/Up Time')).toBe('Node_Metrics.Up_Time');
  });
});
