import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { parseCmapssFile } from '@hourglass/datasets-cmapss';
import { DEFAULT_CMAPSS_FILE, DemoFleet, DemoFleetOptions, startDemoFleet } from './demo-fleet';
import { FailureEvent, ReplacementEvent } from './engine-device';
import { TestBroker } from './testing/test-broker';
import { waitFor } from './testing/wait-for';

const SHORT_UNITS = parseCmapssFile(
  readFileSync(join(__dirname, '__fixtures__', 'three-units.txt'), 'utf8'),
);

interface Sample {
  ts: number;
  seq: number;
  state: string;
  metrics: Record<string, number>;
}

describe('demo fleet against a real MQTT broker', () => {
  let broker: TestBroker;
  let fleet: DemoFleet | undefined;
  let failures: FailureEvent[];
  let replacements: ReplacementEvent[];

  beforeEach(async () => {
    broker = await TestBroker.start(true);
    failures = [];
    replacements = [];
  });

  afterEach(async () => {
    await fleet?.stop();
    fleet = undefined;
    await broker.close();
  });

  async function start(options: Partial<DemoFleetOptions>): Promise<DemoFleet> {
    fleet = await startDemoFleet({
      mqttUrl: broker.url,
      provision: async (deviceId) => {
        const credentials = { username: deviceId, password: `secret-${deviceId}` };
        await broker.allow(deviceId, credentials);
        return credentials;
      },
      units: SHORT_UNITS,
      fleetSize: 2,
      startOffsetRandom: false,
      seed: 5,
      ...options,
    });
    fleet.events.on('failure', (event) => failures.push(event));
    fleet.events.on('replacement', (event) => replacements.push(event));
    return fleet;
  }

  const samples = (deviceId: string): Sample[] =>
    broker.on(`devices/${deviceId}/telemetry`).map((p) => JSON.parse(p.payload) as Sample);

  it('runs a unit to failure, sends FAULT heartbeats, and continues with a new unit from cycle 1', async () => {
    await start({ speed: 40, repairCycles: 4 });

    await waitFor(
      () => replacements.some((r) => r.deviceId === 'demo-engine-01'),
      'a replacement',
      15_000,
    );
    await waitFor(
      () => broker.on('devices/demo-engine-01/events').length === 1,
      'the replaced event',
    );

    const [failure] = failures.filter((f) => f.deviceId === 'demo-engine-01');
    const sent = samples('demo-engine-01');
    const faultAt = sent.findIndex((s) => s.state === 'FAULT');
    expect(sent.slice(0, faultAt).map((s) => s.metrics['cycle'])).toEqual(
      Array.from({ length: failure.cycle }, (_, i) => i + 1),
    );
    expect(sent.slice(faultAt, faultAt + 4)).toEqual(
      [1, 2, 3, 4].map((i) => ({
        ts: expect.any(Number),
        seq: faultAt + i,
        metrics: {},
        state: 'FAULT',
      })),
    );
    expect(sent[faultAt + 4]).toMatchObject({ state: 'RUN', metrics: { cycle: 1 } });
    expect(sent.map((s) => s.seq)).toEqual(sent.map((_, i) => i + 1));
    const replaced = JSON.parse(broker.on('devices/demo-engine-01/events')[0].payload);
    expect(replaced).toEqual({
      type: 'replaced',
      preventive: false,
      unit: replacements.find((e) => e.deviceId === 'demo-engine-01')?.newUnit,
      atCycle: failure.cycle,
    });
  });

  it('replaces a unit preventively on command, going STANDBY first, and confirms on the events topic', async () => {
    await start({ units: DEFAULT_CMAPSS_FILE, speed: 20, repairCycles: 8 });
    await broker.allow('planner', { username: 'planner', password: 'p' });
    const planner = await connectAsync(broker.url, {
      clientId: 'planner',
      username: 'planner',
      password: 'p',
      reconnectPeriod: 0,
    });
    await waitFor(() => samples('demo-engine-01').length >= 3, 'a few cycles');

    await planner.publishAsync('devices/demo-engine-01/commands/replace', '{"taskId":"task-7"}', {
      qos: 1,
    });
    await waitFor(
      () => broker.on('devices/demo-engine-01/events').length === 1,
      'the replaced event',
    );
    await planner.endAsync();

    const event = JSON.parse(broker.on('devices/demo-engine-01/events')[0].payload);
    expect(event).toEqual({
      type: 'replaced',
      taskId: 'task-7',
      preventive: true,
      unit: expect.any(Number),
      atCycle: expect.any(Number),
    });
    expect(replacements).toEqual([
      {
        deviceId: 'demo-engine-01',
        oldUnit: expect.any(Number),
        newUnit: event.unit,
        preventive: true,
        atCycle: event.atCycle,
        taskId: 'task-7',
      },
    ]);
    await waitFor(
      () =>
        samples('demo-engine-01').some(
          (s) => s.state === 'RUN' && s.metrics['cycle'] === 1 && s.seq > 1,
        ),
      'the new unit',
    );
    const sent = samples('demo-engine-01');
    const standbyAt = sent.findIndex((s) => s.state === 'STANDBY');
    expect(sent[standbyAt - 1].metrics['cycle']).toBe(event.atCycle);
    expect(sent.slice(standbyAt, standbyAt + 3).map((s) => [s.state, s.metrics['cycle']])).toEqual([
      ['STANDBY', undefined],
      ['STANDBY', undefined],
      ['RUN', 1],
    ]);
    expect(failures).toEqual([]);
  });

  it('pauses a device while its connection is down and resumes without losing a cycle', async () => {
    await start({ units: DEFAULT_CMAPSS_FILE, speed: 20 });
    await waitFor(() => samples('demo-engine-02').length >= 5, 'a few cycles');

    await broker.disconnect('demo-engine-02');
    await waitFor(
      () =>
        broker.on('devices/demo-engine-02/status').filter((p) => p.payload === 'online').length ===
        2,
      'the reconnection',
    );
    const resumedAt = samples('demo-engine-02').length;
    await waitFor(
      () => samples('demo-engine-02').length >= resumedAt + 5,
      'cycles after the reconnection',
    );

    const sent = samples('demo-engine-02');
    const cycles = [...new Set(sent.map((s) => s.metrics['cycle']))];
    expect(cycles).toEqual(Array.from({ length: cycles.length }, (_, i) => cycles[0] + i));
    // Paused, not queued: no samples were stamped while the connection was down (about 1 s).
    const gaps = sent.slice(1).map((s, i) => s.ts - sent[i].ts);
    expect(Math.max(...gaps)).toBeGreaterThan(500);
    const statusUpdates = broker.on('devices/demo-engine-02/status').map((p) => p.payload);
    expect(statusUpdates).toEqual(['online', 'offline', 'online']); // the middle one is the Will
  });

  it('announces offline for every device and disconnects on stop', async () => {
    const running = await start({ speed: 20 });
    await waitFor(() => samples('demo-engine-02').length >= 2, 'a few cycles');

    await running.stop();

    await waitFor(() => broker.connectedClients === 0, 'every device to disconnect');
    for (const id of running.deviceIds) {
      expect(broker.on(`devices/${id}/status`).map((p) => [p.payload, p.retain])).toEqual([
        ['online', true],
        ['offline', true],
      ]);
    }
  });
});
