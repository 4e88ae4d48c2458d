import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CmapssUnit, parseCmapssFile } from '@hourglass/datasets-cmapss';
import { EngineDevice, EngineDeviceOptions, FailureEvent, ReplacementEvent } from './engine-device';
import { FakeDeviceTransport } from './testing/fake-device.transport';

const [unit1, unit2, unit3] = parseCmapssFile(
  readFileSync(join(__dirname, '__fixtures__', 'three-units.txt'), 'utf8'),
);
const NOW = 1_700_000_000_123;
const TELEMETRY = 'devices/engine-x/telemetry';
const EVENTS = 'devices/engine-x/events';
const COMMAND = 'devices/engine-x/commands/replace';

describe(EngineDevice.name, () => {
  let transport: FakeDeviceTransport;
  let failures: FailureEvent[];
  let replacements: ReplacementEvent[];

  beforeEach(() => {
    transport = new FakeDeviceTransport();
    failures = [];
    replacements = [];
  });

  function create(unit: CmapssUnit, overrides: Partial<EngineDeviceOptions> = {}): EngineDevice {
    const sut = new EngineDevice({
      deviceId: 'engine-x',
      transport,
      unit,
      endOfTrajectory: 'fail',
      nextUnit: () => unit3,
      repairTicks: 8,
      now: () => NOW,
      ...overrides,
    });
    sut.on('failure', (event) => failures.push(event));
    sut.on('replacement', (event) => replacements.push(event));
    return sut;
  }

  const ticks = (sut: EngineDevice, n: number) => {
    for (let i = 0; i < n; i++) sut.tick();
  };
  const telemetry = () => transport.messagesOn(TELEMETRY);
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('publishes one QoS 1 RUN message per tick in the exact wire format', () => {
    const sut = create(unit2);

    sut.tick();

    expect(transport.published).toEqual([
      {
        topic: TELEMETRY,
        options: { qos: 1 },
        payload:
          `{"ts":${NOW},"seq":1,"metrics":{"cycle":1,"setting1":-0.0018,"setting2":0.0006,"setting3":100,` +
          '"s1":518.67,"s2":641.89,"s3":1583.84,"s4":1391.28,"s5":14.62,"s6":21.6,"s7":554.53,"s8":2388.01,' +
          '"s9":9054.72,"s10":1.3,"s11":46.93,"s12":522.33,"s13":2388.06,"s14":8137.72,"s15":8.3905,' +
          '"s16":0.03,"s17":391,"s18":2388,"s19":100,"s20":38.94,"s21":23.4585},"state":"RUN"}',
      },
    ]);
  });

  it('backfills the rows skipped by startRow as history ending now, then plays on from there', async () => {
    const sut = create(unit2, { startRow: 3, backfillIntervalMs: 500 });

    await sut.start();
    sut.tick();

    type Sample = { ts: number; seq: number; metrics: { cycle: number } };
    const [history, live] = telemetry() as unknown as [{ batch: Sample[] }, Sample];
    // The history goes as one batch message (no burst past the broker's per-device rate), then one message per tick.
    expect(history.batch.map((m) => [m.metrics.cycle, m.ts, m.seq])).toEqual([
      [1, NOW - 1500, 1],
      [2, NOW - 1000, 2],
      [3, NOW - 500, 3],
    ]);
    expect([live.metrics.cycle, live.ts, live.seq]).toEqual([4, NOW, 4]);
  });

  it('backfills a long history in messages of at most 100 samples', async () => {
    const sut = create(
      {
        ...unit2,
        rows: Array.from({ length: 300 }, (_, i) => ({ ...unit2.rows[0], cycle: i + 1 })),
      },
      { startRow: 250, backfillIntervalMs: 10 },
    );
    await sut.start();
    const sizes = (telemetry() as unknown as Array<{ batch: unknown[] }>).map(
      (m) => m.batch.length,
    );
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('runs the unit to failure, sends FAULT heartbeats for repairTicks, then starts a new unit at cycle 1', () => {
    const sut = create(unit2, { repairTicks: 3 });

    ticks(sut, 7);
    expect(failures).toEqual([{ deviceId: 'engine-x', unit: 2, cycle: 7 }]);
    expect(sut.state).toBe('FAULT');
    ticks(sut, 3);
    expect(replacements).toEqual([]);
    sut.tick();

    const sent = telemetry();
    expect(
      sent.map((m) => [m['state'], (m['metrics'] as Record<string, number>)['cycle']]),
    ).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((cycle) => ['RUN', cycle]),
      ['FAULT', undefined],
      ['FAULT', undefined],
      ['FAULT', undefined],
      ['RUN', 1],
    ]);
    expect(sent[7]).toEqual({ ts: NOW, seq: 8, metrics: {}, state: 'FAULT' });
    expect(sent[10]['metrics']).toMatchObject({ cycle: 1, setting1: 0.0008, s21: 23.3205 });
    expect(sent.map((m) => m['seq'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(replacements).toEqual([
      { deviceId: 'engine-x', oldUnit: 2, newUnit: 3, preventive: false, atCycle: 7 },
    ]);
    expect(transport.messagesOn(EVENTS)).toEqual([
      { type: 'replaced', preventive: false, unit: 3, atCycle: 7 },
    ]);
    expect([sut.state, sut.installedUnit, sut.cycle]).toEqual(['RUN', 3, 1]);
  });

  it('replaces the unit on command: STANDBY for a quarter of repairTicks, then cycle 1 and a replaced event', async () => {
    const sut = create(unit1, { repairTicks: 8 });
    await sut.start();
    ticks(sut, 4);

    transport.deliver(COMMAND, '{"taskId":"task-42"}');
    ticks(sut, 2);
    expect(sut.state).toBe('STANDBY');
    sut.tick();

    expect(telemetry().map((m) => m['state'])).toEqual([
      'RUN',
      'RUN',
      'RUN',
      'RUN',
      'STANDBY',
      'STANDBY',
      'RUN',
    ]);
    expect(telemetry()[4]).toEqual({ ts: NOW, seq: 5, metrics: {}, state: 'STANDBY' });
    expect(telemetry()[6]).toMatchObject({
      seq: 7,
      metrics: { cycle: 1, setting1: 0.0008 },
      state: 'RUN',
    });
    expect(transport.published.find((p) => p.topic === EVENTS)).toEqual({
      topic: EVENTS,
      options: { qos: 1 },
      payload: '{"type":"replaced","taskId":"task-42","preventive":true,"unit":3,"atCycle":4}',
    });
    expect(replacements).toEqual([
      {
        deviceId: 'engine-x',
        oldUnit: 1,
        newUnit: 3,
        preventive: true,
        atCycle: 4,
        taskId: 'task-42',
      },
    ]);
    expect(failures).toEqual([]);
  });

  it('ignores a second command while a replacement is under way, and payloads that are not objects', async () => {
    const sut = create(unit1, { repairTicks: 8 });
    await sut.start();
    sut.tick();

    transport.deliver(COMMAND, 'not json');
    transport.deliver(COMMAND, '[1]');
    sut.tick();
    expect(sut.state).toBe('RUN');
    transport.deliver(COMMAND, '{"taskId":"a"}');
    sut.tick();
    transport.deliver(COMMAND, '{"taskId":"b"}');
    ticks(sut, 10);

    expect(replacements.map((r) => r.taskId)).toEqual(['a']);
    expect(transport.messagesOn(EVENTS)).toHaveLength(1);
  });

  it('reports a command that arrives after the failure on the corrective replacement', async () => {
    const sut = create(unit2, { repairTicks: 2 });
    await sut.start();
    ticks(sut, 8);

    transport.deliver(COMMAND, '{"taskId":"late"}');
    ticks(sut, 2);

    expect(replacements).toEqual([
      {
        deviceId: 'engine-x',
        oldUnit: 2,
        newUnit: 3,
        preventive: false,
        atCycle: 7,
        taskId: 'late',
      },
    ]);
    expect(telemetry().map((m) => m['state'])).toEqual([
      ...Array(7).fill('RUN'),
      'FAULT',
      'FAULT',
      'RUN',
    ]);
  });

  it('pauses its clock while disconnected, so no cycle is lost', () => {
    const sut = create(unit1);
    ticks(sut, 2);

    transport.connected = false;
    ticks(sut, 5);
    transport.connected = true;
    sut.tick();

    expect(telemetry().map((m) => (m['metrics'] as Record<string, number>)['cycle'])).toEqual([
      1, 2, 3,
    ]);
    expect(sut.stats.pausedTicks).toBe(5);
  });

  it('pauses while maxInFlight publishes are unacknowledged', async () => {
    transport.autoAck = false;
    const sut = create(unit1, { maxInFlight: 2 });

    ticks(sut, 3);
    expect(sut.stats).toMatchObject({ published: 2, inFlight: 2, pausedTicks: 1 });
    transport.ackAll();
    await settle();
    sut.tick();

    expect(telemetry().map((m) => m['seq'])).toEqual([1, 2, 3]);
    expect(sut.stats).toMatchObject({ published: 3, acked: 2, inFlight: 1 });
  });

  it('in replay mode publishes exactly the rows, finishes and does not listen for commands', async () => {
    transport.autoAck = false;
    const sut = create(unit2, { endOfTrajectory: 'stop', nextUnit: undefined });
    const finished = jest.fn();
    sut.on('finished', finished);
    await sut.start();

    ticks(sut, 20);
    const drained = sut.drain();
    transport.ackAll();

    await expect(drained).resolves.toBe(true);
    expect(telemetry().map((m) => (m['metrics'] as Record<string, number>)['cycle'])).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(finished).toHaveBeenCalledTimes(1);
    expect([sut.state, sut.isFinished, failures.length]).toEqual(['DONE', true, 0]);
    expect(transport.subscriptions).toEqual([]);
    expect(sut.stats).toEqual({ published: 7, acked: 7, failed: 0, inFlight: 0, pausedTicks: 0 });
  });

  it('counts rejected publishes and reports them', async () => {
    transport.autoAck = false;
    const sut = create(unit1);
    const errors: Error[] = [];
    sut.on('publishError', (error) => errors.push(error));
    ticks(sut, 2);

    transport.failAll(new Error('client disconnecting'));
    await settle();

    expect(sut.stats).toMatchObject({ acked: 0, failed: 2, inFlight: 0 });
    expect(errors.map((e) => e.message)).toEqual(['client disconnecting', 'client disconnecting']);
  });

  it('gives up waiting for acknowledgements after the drain timeout and still closes', async () => {
    jest.useFakeTimers();
    try {
      transport.autoAck = false;
      const sut = create(unit1);
      sut.tick();

      const closing = sut.close(500);
      await jest.advanceTimersByTimeAsync(500);
      await closing;

      expect(transport.closed).toBe(true);
      sut.tick();
      expect(transport.published).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps seq strictly increasing by one and cycles in order through any mix of ticks, commands and outages', async () => {
    const action = fc.constantFrom('tick', 'tick', 'tick', 'command', 'drop', 'restore');
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { maxLength: 200 }),
        fc.integer({ min: 0, max: 6 }),
        async (actions, repairTicks) => {
          transport = new FakeDeviceTransport();
          const sut = create(unit2, {
            repairTicks,
            nextUnit: (removed) => (removed === unit2 ? unit3 : unit2),
          });
          await sut.start();
          for (const step of actions) {
            if (step === 'tick') sut.tick();
            else if (step === 'command') transport.deliver(COMMAND, '{"taskId":"t"}');
            else transport.connected = step === 'restore';
          }
          const sent = telemetry();
          expect(sent.map((m) => m['seq'])).toEqual(sent.map((_, i) => i + 1));
          const cycles = sent
            .filter((m) => m['state'] === 'RUN')
            .map((m) => (m['metrics'] as Record<string, number>)['cycle']);
          cycles.forEach((cycle, i) =>
            expect(cycle === 1 || cycle === cycles[i - 1] + 1).toBe(true),
          );
          expect(
            sent.every((m) => ['RUN', 'FAULT', 'STANDBY'].includes(m['state'] as string)),
          ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
