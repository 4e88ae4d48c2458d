import { EventEmitter } from 'node:events';
import type {
  CaseSuggestionResponse,
  TaskPatchRequest,
  TaskResponse,
} from '@hourglass/contracts-api';
import type { DemoFleetEvents } from './demo-fleet';
import { HPC_FAULT_PATHS, type FaultPathName, type TrajectorySignature } from './fault-draw';
import { FieldTechnician } from './field-technician';
import type { OwnTeamAssignment, TechnicianApi, VisitReport } from './technician-api.client';

const CODES = [
  { code: 'hpc-module', level: 'COMPONENT' as const, parent: null, description: '' },
  { code: 'HPC-LOSS', level: 'PROBLEM' as const, parent: 'hpc-module', description: '' },
  { code: 'HPC-EROSION', level: 'CAUSE' as const, parent: 'HPC-LOSS', description: '' },
  { code: 'HPC-MODULE-REPLACED', level: 'REMEDY' as const, parent: 'HPC-EROSION', description: '' },
];

const order = (id: string, assetId: string): TaskResponse =>
  ({
    id,
    assetId,
    component: 'hpc-module',
    status: 'OPEN',
    partsNeeded: [{ partNumber: 'HPC-MOD-7731', quantity: 1, unitCost: '185000.00' }],
  }) as TaskResponse;

class FakeApi implements TechnicianApi {
  orders = new Map<string, TaskResponse>();
  patches: Array<[string, TaskPatchRequest]> = [];
  openOrders = async () => [...this.orders.values()].filter((o) => o.status === 'OPEN');
  activeOrdersOf = async (assetId: string) =>
    [...this.orders.values()].filter(
      (o) => o.assetId === assetId && o.status !== 'DONE' && o.status !== 'CANCELLED',
    );
  patch = async (id: string, change: TaskPatchRequest) => {
    this.patches.push([id, change]);
    const current = this.orders.get(id);
    if (!current || current.status === 'DONE') return null;
    const next = { ...current, status: change.status ?? current.status };
    this.orders.set(id, next);
    return next;
  };
  failureCodes = async () => CODES;
  contract = async () => null;
  assignments: Array<[string, OwnTeamAssignment]> = [];
  visits: Array<[string, VisitReport]> = [];
  assign = async (id: string, a: OwnTeamAssignment) => this.assignments.push([id, a]) > 0;
  reportVisit = async (id: string, v: VisitReport) => this.visits.push([id, v]) > 0;
  suggested: CaseSuggestionResponse | null = null;
  suggestion = async () => this.suggested;
}

describe(FieldTechnician.name, () => {
  let now: number;
  let api: FakeApi;
  let events: EventEmitter<DemoFleetEvents>;
  let serviced: string[];
  let finished: string[];
  let running: boolean;
  let sut: FieldTechnician;

  beforeEach(async () => {
    now = 0;
    api = new FakeApi();
    events = new EventEmitter<DemoFleetEvents>();
    serviced = [];
    finished = [];
    running = true;
    sut = new FieldTechnician({
      api,
      fleet: {
        deviceIds: ['e-1'],
        events,
        speed: 2,
        beginService: (deviceId, taskId) => {
          if (!running) return false;
          serviced.push(`${deviceId}:${taskId}`);
          return true;
        },
        finishService: (deviceId) => void finished.push(deviceId),
      },
      acknowledgeAfterMs: 100,
      workAfterMs: 200,
      repairMs: 50,
      summaryEveryMs: 0,
      pollMs: 0,
      now: () => now,
    });
    await sut.start();
  });

  afterEach(() => sut.stop());

  /** Works one order `id` through to DONE, 100 ms a step from `at`. */
  /** A technician reporting visits, whose inspection finds `path` (what the simulator drew). */
  const reportingTechnician = (path: FaultPathName, signature: TrajectorySignature) =>
    new FieldTechnician({
      api,
      fleet: {
        deviceIds: ['e-1'],
        events,
        speed: 2,
        beginService: () => true,
        finishService: () => undefined,
        inspect: () => ({ ...HPC_FAULT_PATHS[path], path, signature }),
      },
      acknowledgeAfterMs: 100,
      workAfterMs: 200,
      repairMs: 50,
      summaryEveryMs: 0,
      pollMs: 0,
      now: () => now,
      visits: { technicianId: 'tech-own-1', region: 'north' },
    });
  const workThrough = async (id: string, at: number) => {
    api.orders.set(id, order(id, 'e-1'));
    for (const t of [at, at + 100, at + 300, at + 350]) {
      now = t;
      await sut.round();
    }
  };

  it('assigns each order to the own team and reports its visits, a second one every n-th order', async () => {
    await sut.stop();
    sut = new FieldTechnician({
      api,
      fleet: {
        deviceIds: ['e-1'],
        events,
        speed: 2,
        beginService: () => true,
        finishService: () => undefined,
      },
      acknowledgeAfterMs: 100,
      workAfterMs: 200,
      repairMs: 50,
      summaryEveryMs: 0,
      pollMs: 0,
      now: () => now,
      visits: { technicianId: 'tech-own-1', region: 'north', secondVisitEvery: 2 },
    });
    await sut.start();
    await workThrough('o-1', 0);
    await workThrough('o-2', 1000);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(api.assignments).toEqual([
      ['o-1', { region: 'north', technicianId: 'tech-own-1', plannedAt: iso(300) }],
      ['o-2', { region: 'north', technicianId: 'tech-own-1', plannedAt: iso(1300) }],
    ]);
    expect(api.visits.map(([id, v]) => [id, v.outcome, v.arrivedAt, v.departedAt])).toEqual([
      ['o-1', 'FIXED', iso(300), iso(350)],
      ['o-2', 'NEEDS_ANOTHER_VISIT', iso(1300), iso(1325)],
      ['o-2', 'FIXED', iso(1325), iso(1350)],
    ]);
  });

  it('brings the suggested parts or the default kit on alternate orders, a second visit when they miss the true fault, and reports the fault', async () => {
    await sut.stop();
    sut = reportingTechnician('EROSION', 'HOT_SECTION_LED');
    api.suggested = {
      parts: [
        { partNumber: 'HPC-MOD-7731', quantity: 1, confidence: 0.8 },
        { partNumber: 'HPC-SEAL-KIT-12', quantity: 1, confidence: 0.6 },
        { partNumber: 'BORESCOPE-PLUG-3', quantity: 2, confidence: 0.2 },
      ],
    } as CaseSuggestionResponse;
    await sut.start();
    await workThrough('o-1', 0);
    await workThrough('o-2', 1000);
    expect(api.visits.map(([id, v]) => [id, v.outcome, v.partsSource])).toEqual([
      ['o-1', 'FIXED', 'SUGGESTION'],
      ['o-2', 'NEEDS_ANOTHER_VISIT', 'DEFAULT_KIT'],
      ['o-2', 'FIXED', undefined],
    ]);
    const reports = api.patches.filter(([, c]) => c.status === 'DONE').map(([, c]) => c.report);
    expect(reports).toEqual([
      expect.objectContaining({
        failureCode: 'HPC-MODULE-REPLACED',
        parts: HPC_FAULT_PATHS.EROSION.parts,
      }),
      expect.objectContaining({ failureCode: 'HPC-MODULE-REPLACED' }),
    ]);
    expect(sut.ledger.summary().firstVisits).toEqual({
      SUGGESTION: { visits: 1, fixed: 1 },
      DEFAULT_KIT: { visits: 1, fixed: 0 },
    });
    expect(sut.ledger.describeSummary()).toContain(
      'first visit fixed: suggested parts 1/1 (100 %), default kit 0/1 (0 %)',
    );
  });

  it('follows an empty suggestion literally: no parts brought, counted for the suggestion arm', async () => {
    await sut.stop();
    sut = reportingTechnician('FOULING', 'COMPRESSOR_LED');
    await sut.start();
    await workThrough('o-1', 0);
    expect(api.visits.map(([, v]) => [v.outcome, v.partsSource])).toEqual([
      ['NEEDS_ANOTHER_VISIT', 'SUGGESTION'],
      ['FIXED', undefined],
    ]);
  });

  it('reports no visits unless told to', async () => {
    await workThrough('o-1', 0);
    expect(api.orders.get('o-1')?.status).toBe('DONE');
    expect([api.assignments, api.visits]).toEqual([[], []]);
  });

  it('acknowledges, schedules, works and completes an order with a failure report, holding the engine meanwhile', async () => {
    api.orders.set('o-1', order('o-1', 'e-1'));
    api.orders.set('o-other', order('o-other', 'not-in-fleet'));
    await sut.round();
    expect(api.patches).toEqual([]);

    now = 100;
    await sut.round();
    expect(api.patches.map(([id, c]) => [id, c.status])).toEqual([
      ['o-1', 'ACKNOWLEDGED'],
      ['o-1', 'SCHEDULED'],
    ]);
    expect(api.patches[1][1]).toEqual({
      status: 'SCHEDULED',
      plannedFor: new Date(300).toISOString(),
      assignee: 'field-technician',
    });

    now = 300;
    await sut.round();
    expect(serviced).toEqual(['e-1:o-1']);
    expect(api.orders.get('o-1')?.status).toBe('IN_PROGRESS');
    expect(finished).toEqual([]);

    now = 350;
    await sut.round();
    expect(api.patches.at(-1)).toEqual([
      'o-1',
      {
        status: 'DONE',
        report: {
          outcome: 'DEFECT_CONFIRMED_REPLACED',
          failureCode: 'HPC-MODULE-REPLACED',
          parts: [{ partNumber: 'HPC-MOD-7731', quantity: 1 }],
          labourHours: 4,
        },
      },
    ]);
    expect(finished).toEqual(['e-1']);
    events.emit('outageEnded', {
      deviceId: 'e-1',
      state: 'STANDBY',
      ticks: 4,
      unit: 7,
      atCycle: 120,
      taskId: 'o-1',
    });
    expect(sut.ledger.list()).toEqual([
      expect.objectContaining({ kind: 'PREVENTED', orderId: 'o-1', outageSeconds: 2 }),
    ]);
  });

  it('closes the open order of an engine that failed first as too late, and books the miss', async () => {
    api.orders.set('o-1', order('o-1', 'e-1'));
    await sut.round();
    running = false;
    events.emit('failure', { deviceId: 'e-1', unit: 7, cycle: 150 });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(api.orders.get('o-1')?.status).toBe('DONE');
    events.emit('outageEnded', {
      deviceId: 'e-1',
      state: 'FAULT',
      ticks: 20,
      unit: 7,
      atCycle: 150,
    });
    expect(sut.ledger.list()).toEqual([
      expect.objectContaining({
        kind: 'MISSED',
        reason: 'ORDER_TOO_LATE',
        orderId: 'o-1',
        forcedOutageSeconds: 10,
      }),
    ]);
    now = 1_000;
    await sut.round();
    expect(serviced).toEqual([]);
  });
});
