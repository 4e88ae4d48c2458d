import { parseSparkplugTopic, type SparkplugTopic } from '@hourglass/contracts-wire';
import type { SparkplugMetric, SparkplugPayload } from './sparkplug-payload.codec';
import { SparkplugSessions } from './sparkplug-session';

const topic = (t: string): SparkplugTopic => parseSparkplugTopic(`spBv1.0/acme/${t}`)!;
const metric = (m: Partial<SparkplugMetric>): SparkplugMetric => ({
  type: 'Double',
  value: 1,
  isNull: false,
  ...m,
});
const payload = (seq: number | undefined, metrics: SparkplugMetric[]): SparkplugPayload =>
  seq === undefined ? { metrics } : { seq, metrics };

describe(SparkplugSessions.name, () => {
  let sut: SparkplugSessions;
  const born = () => {
    sut.receive(
      topic('NBIRTH/gw'),
      payload(0, [metric({ name: 'bdSeq', type: 'UInt64', value: 3 })]),
      0,
    );
    return sut.receive(
      topic('DBIRTH/gw/pump'),
      payload(1, [metric({ name: 'Inputs/Temp', alias: 7, value: 20 })]),
      0,
    );
  };

  beforeEach(() => (sut = new SparkplugSessions({ rebirthIntervalMs: 1_000 })));

  it('resolves a DDATA alias to the name its DBIRTH defined, with the birth datatype when it has none', () => {
    const birth = born();
    expect(birth.metrics).toEqual([{ name: 'Inputs/Temp', type: 'Double', value: 20 }]);
    expect(birth.online).toEqual(['pump']);
    const step = sut.receive(
      topic('DDATA/gw/pump'),
      payload(2, [metric({ alias: 7, type: 'Unknown', value: 21.5 })]),
      0,
    );
    expect(step).toMatchObject({ device: 'pump', rejected: [], rebirth: false });
    expect(step.metrics).toEqual([{ name: 'Inputs/Temp', type: 'Double', value: 21.5 }]);
  });

  it('refuses a seq gap, asks for a rebirth once per interval and refuses all but NBIRTH until then', () => {
    born();
    const gap = sut.receive(topic('DDATA/gw/pump'), payload(4, [metric({ alias: 7 })]), 0);
    expect(gap).toMatchObject({ metrics: [], rebirth: true });
    expect(gap.rejected).toEqual([{ reason: 'sparkplug_seq_gap', detail: 'seq 4, expected 2' }]);
    const next = sut.receive(topic('DDATA/gw/pump'), payload(5, [metric({ alias: 7 })]), 500);
    expect(next).toMatchObject({ rebirth: false, rejected: [{ reason: 'sparkplug_not_born' }] });
    expect(sut.receive(topic('NDATA/gw'), payload(6, []), 1_000).rebirth).toBe(true);
    born();
    expect(sut.isBorn('acme', 'gw')).toBe(true);
  });

  it('wraps seq from 255 to 0', () => {
    sut.receive(topic('NBIRTH/gw'), payload(255, []), 0);
    expect(sut.receive(topic('NDATA/gw'), payload(0, []), 0).rejected).toEqual([]);
  });

  it('refuses data before any birth with a rebirth request', () => {
    const step = sut.receive(topic('NDATA/gw'), payload(0, [metric({ name: 'x' })]), 0);
    expect(step).toMatchObject({ rebirth: true, rejected: [{ reason: 'sparkplug_not_born' }] });
  });

  it('dead-letters an alias the birth did not define and keeps the other metrics', () => {
    born();
    const step = sut.receive(
      topic('DDATA/gw/pump'),
      payload(2, [metric({ alias: 99, value: 1 }), metric({ alias: 7, value: 2 })]),
      0,
    );
    expect(step.rejected).toEqual([
      { reason: 'sparkplug_unknown_alias', detail: 'alias 99 is not defined by the birth' },
    ]);
    expect(step.metrics.map((m) => m.value)).toEqual([2]);
    expect(step.rebirth).toBe(false);
  });

  it('marks a device offline at DDEATH and its later data unborn', () => {
    born();
    expect(sut.receive(topic('DDEATH/gw/pump'), payload(2, []), 0).offline).toEqual(['pump']);
    const step = sut.receive(topic('DDATA/gw/pump'), payload(3, [metric({ alias: 7 })]), 0);
    expect(step.rejected[0]?.reason).toBe('sparkplug_not_born');
  });

  it('takes an NDEATH of the current bdSeq (node and devices offline) and ignores a stale one', () => {
    born();
    const stale = sut.receive(
      topic('NDEATH/gw'),
      payload(undefined, [metric({ name: 'bdSeq', type: 'UInt64', value: 2 })]),
      0,
    );
    expect(stale.offline).toEqual([]);
    const death = sut.receive(
      topic('NDEATH/gw'),
      payload(undefined, [metric({ name: 'bdSeq', type: 'UInt64', value: 3 })]),
      0,
    );
    expect(death.offline).toEqual([null, 'pump']);
    expect(sut.isBorn('acme', 'gw')).toBe(false);
  });

  it('reads an untyped Int32 and Int64 as signed with the birth datatype', () => {
    sut.receive(
      topic('NBIRTH/gw'),
      payload(0, [
        metric({ name: 'a', alias: 1, type: 'Int32', value: 0 }),
        metric({ name: 'b', alias: 2, type: 'Int64', value: 0 }),
      ]),
      0,
    );
    const step = sut.receive(
      topic('NDATA/gw'),
      payload(1, [
        metric({ alias: 1, type: 'Unknown', value: 0xffffffff }),
        metric({ alias: 2, type: 'Unknown', value: 2n ** 64n - 5n }),
      ]),
      0,
    );
    expect(step.metrics.map((m) => m.value)).toEqual([-1, -5]);
  });
});
