import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { ScoredAsset } from '@hourglass/risk-scoring';
import { ReplacementTaskService, priorityFor } from './replacement-task.service';
import type { NewTask, Task, TaskRepository } from './task.repository';
import { WarningPolicies } from './warning-policies';
import type { StoredWarningPolicy, WarningPolicyRepository } from './warning-policy.repository';

describe(priorityFor.name, () => {
  it.each([
    [5, 30, 'CRITICAL'],
    [10, 30, 'CRITICAL'],
    [15, 30, 'HIGH'],
    [25, 30, 'MEDIUM'],
    [45, 30, 'LOW'],
  ])('RUL %d with horizon %d is %s', (rul, horizon, expected) => {
    expect(priorityFor(rul, horizon)).toBe(expected);
  });
});

describe(ReplacementTaskService.name, () => {
  const opened: NewTask[] = [];
  const openIfNone = async (t: NewTask) => {
    opened.push(t);
    return { ...t, id: `t-${opened.length}`, status: 'OPEN' } as unknown as Task;
  };
  const tasks = {
    openIfNone,
    openManyIfNone: async (ts: NewTask[]) => Promise.all(ts.map(openIfNone)),
    closeOpenBefore: async () => 0,
  } as unknown as TaskRepository;
  const stored: StoredWarningPolicy[] = [
    {
      assetType: 'pump',
      threshold: 0.9,
      horizon: 10,
      consecutive: 5,
      component: 'impeller',
      updatedBy: 'admin',
      updatedAt: '',
    },
  ];
  const policies = new WarningPolicies(
    { list: async () => stored } as unknown as WarningPolicyRepository,
    { threshold: 0.5, consecutive: 3 },
  );
  const score = (assetId: string, assetType: string, consecutiveAbove: number): ScoredAsset => ({
    assetId,
    assetType,
    tenantId: 'acme',
    probability: 0.95,
    horizon: 30,
    rul: 8,
    modelVersion: 'm@1',
    scoredAt: '2026-11-23T00:00:00.000Z',
    windowEnd: '2026-11-23T00:00:00.000Z',
    consecutiveAbove,
    lastTs: 0,
    msPerCycle: 1000,
  });

  beforeEach(() => opened.splice(0));

  it("raises a task once the asset type's policy counts enough scores in a row, for its component", async () => {
    const sut = new ReplacementTaskService(tasks, new MetricsRegistry({ defaultMetrics: false }));
    const lookup = await policies.load(30);
    const raised = await sut.onScores(
      [
        score('t-1', 'turbofan', 2),
        score('t-2', 'turbofan', 3),
        score('p-1', 'pump', 4),
        score('p-2', 'pump', 5),
      ],
      lookup,
    );
    expect(raised).toHaveLength(2);
    expect(opened.map((t) => [t.assetId, t.component, t.priority])).toEqual([
      ['t-2', 'hpc-module', 'CRITICAL'],
      ['p-2', 'impeller', 'CRITICAL'],
    ]);
  });

  it('gives types without a stored policy the defaults and the model horizon', async () => {
    const lookup = await policies.load(42);
    expect(lookup('compressor')).toEqual({
      assetType: 'compressor',
      threshold: 0.5,
      horizon: 42,
      consecutive: 3,
      component: 'unit',
    });
    expect(lookup('pump')).toMatchObject({ threshold: 0.9, horizon: 10, consecutive: 5 });
  });

  it('emits RAISED for every order it raises', async () => {
    const events: string[] = [];
    const sut = new ReplacementTaskService(tasks, new MetricsRegistry({ defaultMetrics: false }), {
      events: { onEvent: async (e) => void events.push(`${e.kind} ${e.order.assetId}`) },
    });
    await sut.onScores(
      [score('t-1', 'turbofan', 1), score('t-2', 'turbofan', 3)],
      await policies.load(30),
    );
    expect(events).toEqual(['RAISED t-2']);
  });

  it("closes a replaced unit's open orders before raising, and counts its new unit's scores afresh", async () => {
    const calls: string[] = [];
    const logged = {
      openManyIfNone: async (ts: NewTask[]) => {
        calls.push(`open ${ts.map((t) => t.assetId).join(',')}`);
        return tasks.openManyIfNone(ts);
      },
      closeOpenBefore: async (assetId: string, before: Date, reason: string) => {
        calls.push(`close ${assetId} ${before.getTime()} ${reason}`);
        return 1;
      },
    } as unknown as TaskRepository;
    const sut = new ReplacementTaskService(logged, new MetricsRegistry({ defaultMetrics: false }));
    const lookup = await policies.load(30);
    expect(await sut.onScores([score('t-1', 'turbofan', 3)], lookup)).toHaveLength(1);
    // Still high: the same unit raises nothing more until its risk clears.
    expect(await sut.onScores([score('t-1', 'turbofan', 4)], lookup)).toHaveLength(0);
    const replaced = { ...score('t-1', 'turbofan', 3), installedAt: 5_000 };
    const raised = await sut.onScores([score('t-2', 'turbofan', 1), replaced], lookup);
    expect(raised.map((t) => t.assetId)).toEqual(['t-1']);
    expect(calls).toEqual(['open t-1', 'close t-1 5000 UNIT_REPLACED', 'open t-1']);
  });
});
