import { MetricsRegistry } from '@hourglass/platform-metrics';
import { DEFAULT_TELEMETRY_LIMITS } from '@hourglass/telemetry-schema';
import type { DecodedMessage, TelemetryIngestService } from '../telemetry-ingest.service';
import { encodeSparkplugPayload, type SparkplugMetricInput } from './sparkplug-payload.codec';
import { SparkplugIngestService } from './sparkplug-ingest.service';

const NOW = 1_800_000_000_000;

describe(SparkplugIngestService.name, () => {
  let sut: SparkplugIngestService;
  let decoded: Array<{ topic: string; message: DecodedMessage }>;
  let published: Array<{ topic: string; retain: boolean }>;
  let releaseLookups: () => void;
  let acks: number;

  beforeEach(() => {
    decoded = [];
    published = [];
    acks = 0;
    // Registry lookups that answer only when the test says so: later messages must wait for them.
    const gate = new Promise<void>((resolve) => (releaseLookups = resolve));
    const tenants: Record<string, string> = { gw: 'acme', pump: 'acme', foreign: 'other' };
    const ingest = {
      limits: DEFAULT_TELEMETRY_LIMITS,
      handleDecoded: (m: { topic: string; ack: () => void }, message: DecodedMessage) => {
        decoded.push({ topic: m.topic, message });
        m.ack();
      },
    } as unknown as TelemetryIngestService;
    sut = new SparkplugIngestService({
      ingest,
      directory: { tenantOf: async (id) => gate.then(() => tenants[id] ?? null) },
      metrics: new MetricsRegistry({ defaultMetrics: false }),
      now: () => NOW,
    });
    sut.attach({
      publish: async (topic, _payload, { retain }) => void published.push({ topic, retain }),
    });
  });

  const send = (path: string, seq: number | undefined, metrics: SparkplugMetricInput[]) =>
    sut.handle({
      topic: `spBv1.0/acme/${path}`,
      payload: encodeSparkplugPayload({ timestamp: NOW - 1_000, seq, metrics }),
      ack: () => acks++,
    });
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('keeps an edge node’s messages in order while a birth waits for the registry', async () => {
    send('NBIRTH/gw', 0, [{ name: 'bdSeq', type: 'UInt64', value: 0 }]);
    send('DBIRTH/gw/pump', 1, [{ name: 'Temp', alias: 1, type: 'Double', value: 20 }]);
    send('DDATA/gw/pump', 2, [{ alias: 1, type: 'Double', value: 21 }]);
    await settle();
    expect(decoded).toEqual([]);
    releaseLookups();
    await settle();
    expect(decoded.map((d) => [d.message.deviceId, d.message.rejected])).toEqual([
      ['gw', []],
      ['pump', []],
      ['pump', []],
    ]);
    expect(decoded[2]?.message.samples).toEqual([
      { deviceId: 'pump', ts: NOW - 1_000, metrics: { Temp: 21 } },
    ]);
    expect(acks).toBe(3);
    expect(published).toEqual([
      { topic: 'devices/gw/status', retain: true },
      { topic: 'devices/pump/status', retain: true },
    ]);
  });

  it('refuses a device of another tenant and lists the letter under the edge node', async () => {
    releaseLookups();
    send('NBIRTH/gw', 0, []);
    send('DBIRTH/gw/foreign', 1, [{ name: 'Temp', alias: 1, type: 'Double', value: 1 }]);
    await settle();
    expect(decoded[1]?.message).toMatchObject({
      deviceId: 'gw',
      samples: [],
      rejected: [{ reason: 'sparkplug_unknown_device' }],
    });
    expect(published.map((p) => p.topic)).toEqual(['devices/gw/status']);
  });

  it('sends the rebirth request to the node on a gap and acknowledges the dead-lettered message', async () => {
    releaseLookups();
    send('NBIRTH/gw', 0, []);
    send('NDATA/gw', 5, []);
    await settle();
    expect(decoded[1]?.message.rejected[0]?.reason).toBe('sparkplug_seq_gap');
    expect(published).toContainEqual({ topic: 'spBv1.0/acme/NCMD/gw', retain: false });
    expect(acks).toBe(2);
  });
});
