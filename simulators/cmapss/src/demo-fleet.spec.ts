import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCmapssFile } from '@hourglass/datasets-cmapss';
import { DEFAULT_CMAPSS_FILE, DemoFleet, DemoFleetOptions, startDemoFleet } from './demo-fleet';
import { FailureEvent, ReplacementEvent } from './engine-device';
import { FakeDeviceTransport } from './testing/fake-device.transport';
import { ManualClock } from './testing/manual-clock';

const units = parseCmapssFile(
  readFileSync(join(__dirname, '__fixtures__', 'three-units.txt'), 'utf8'),
);

describe(startDemoFleet.name, () => {
  let clock: ManualClock;
  let transports: Map<string, FakeDeviceTransport>;
  let provision: jest.Mock;
  let sut: DemoFleet | undefined;

  beforeEach(() => {
    clock = new ManualClock();
    transports = new Map();
    provision = jest.fn(async (deviceId: string) => ({
      username: deviceId,
      password: `pw-${deviceId}`,
    }));
  });

  afterEach(async () => {
    await sut?.stop();
    sut = undefined;
  });

  async function start(overrides: Partial<DemoFleetOptions> = {}): Promise<DemoFleet> {
    sut = await startDemoFleet({
      mqttUrl: 'mqtt://unused',
      provision,
      units,
      fleetSize: 3,
      speed: 2,
      repairCycles: 4,
      startOffsetRandom: false,
      clock,
      connect: async (deviceId) => {
        const transport = new FakeDeviceTransport();
        transports.set(deviceId, transport);
        return transport;
      },
      ...overrides,
    });
    return sut;
  }

  it('provisions and connects fleetSize devices named <prefix><nn>, subscribed to replace commands', async () => {
    const fleet = await start({ prefix: 'rig-' });

    expect(fleet.deviceIds).toEqual(['rig-01', 'rig-02', 'rig-03']);
    expect(provision.mock.calls.map(([id]) => id)).toEqual(['rig-01', 'rig-02', 'rig-03']);
    expect(transports.get('rig-02')?.subscriptions).toEqual(['devices/rig-02/commands/replace']);
  });

  it('ticks every device at `speed` cycles per second from one timer', async () => {
    const fleet = await start();

    clock.advance(0);
    clock.advance(2000);

    expect(fleet.status().map((s) => [s.cycle, s.published])).toEqual([
      [5, 5],
      [5, 5],
      [5, 5],
    ]);
    expect(clock.pendingTimers).toBe(1);
  });

  it('runs units to failure and replaces them, reporting both as fleet events', async () => {
    const fleet = await start({ fleetSize: 1 });
    const failures: FailureEvent[] = [];
    const replacements: ReplacementEvent[] = [];
    fleet.events.on('failure', (e) => failures.push(e));
    fleet.events.on('replacement', (e) => replacements.push(e));
    const [first] = fleet.status();
    const length = units.find((u) => u.unit === first.unit)?.rows.length ?? 0;

    clock.advance(0);
    clock.advance(((length - 1 + 4 + 1) * 1000) / 2);

    expect(failures).toEqual([{ deviceId: 'demo-engine-01', unit: first.unit, cycle: length }]);
    expect(replacements).toEqual([
      expect.objectContaining({
        deviceId: 'demo-engine-01',
        oldUnit: first.unit,
        preventive: false,
      }),
    ]);
    expect(replacements[0].newUnit).not.toBe(first.unit);
    expect(fleet.status()[0]).toMatchObject({
      cycle: 1,
      state: 'RUN',
      unit: replacements[0].newUnit,
    });
  });

  it('is deterministic for a seed: same units and start offsets part-way into their lives', async () => {
    const statusOf = async (seed: number) => {
      const fleet = await start({ seed, startOffsetRandom: true, units: DEFAULT_CMAPSS_FILE });
      clock.advance(0);
      const status = fleet.status().map((s) => [s.unit, s.cycle]);
      await fleet.stop();
      return status;
    };

    const a = await statusOf(11);
    const b = await statusOf(11);

    expect(a).toEqual(b);
    expect(a).not.toEqual(await statusOf(12));
    expect(a.every(([, cycle]) => cycle > 40)).toBe(true);
  });

  it('runs only the units named in unitIds, first units and replacements alike', async () => {
    const fleet = await start({ fleetSize: 2, unitIds: [1, 3] });
    const replacements: ReplacementEvent[] = [];
    fleet.events.on('replacement', (e) => replacements.push(e));

    clock.advance(0);
    clock.advance(60_000);

    expect(fleet.status().map((s) => s.unit)).toEqual(expect.arrayContaining([1, 3]));
    expect(replacements.length).toBeGreaterThan(2);
    expect(replacements.every((r) => [1, 3].includes(r.newUnit))).toBe(true);
  });

  it('refuses unitIds that are not in the data', async () => {
    await expect(start({ unitIds: [1, 42] })).rejects.toThrow('no unit 42 in the C-MAPSS data');
  });

  it('stops ticking and closes every connection on stop', async () => {
    const fleet = await start();
    clock.advance(0);

    await fleet.stop();
    clock.advance(5000);

    expect([...transports.values()].every((t) => t.closed)).toBe(true);
    expect(fleet.status().map((s) => s.published)).toEqual([1, 1, 1]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('closes the connections it opened when provisioning one device fails', async () => {
    provision.mockImplementation(async (deviceId: string) => {
      if (deviceId === 'demo-engine-02') throw new Error('API down');
      return { username: deviceId, password: 'x' };
    });

    await expect(start()).rejects.toThrow('API down');

    expect([...transports.values()].map((t) => t.closed)).toEqual([true, true]);
  });
});
