import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { ScoredAsset } from '@hourglass/risk-scoring';
import { ReplacementTaskService } from './replacement-task.service';
import type { NewTask, Task, TaskRepository } from './task.repository';
import type { WarningPolicy } from './warning-policy.repository';

/** One scenario file: a policy, hourly scores (or a close of the open order), the hours orders are raised at. */
interface WarningScenario {
  description: string;
  policy: Omit<WarningPolicy, 'assetType'>;
  failsAtHour?: number;
  steps: Array<{ h: number; risk?: number; rul?: number; close?: 'DONE' | 'CANCELLED' }>;
  expect: { raisedAtHours: number[] };
}

const HOUR = 3_600_000;
const DIR = join(__dirname, 'fixtures', 'warning-scenarios');

/** Orders in memory with the repository's dedupe and closing times. */
function memoryOrders(clock: () => number) {
  const orders: Array<Task & { closedAt?: number }> = [];
  const open = (assetId: string) =>
    orders.find((o) => o.assetId === assetId && o.status !== 'DONE' && o.status !== 'CANCELLED');
  const openIfNone = async (t: NewTask) => {
    if (open(t.assetId)) return null;
    const order = {
      ...t,
      id: `o-${orders.length + 1}`,
      status: 'OPEN',
      createdAt: new Date(clock()).toISOString(),
    } as unknown as Task;
    orders.push(order);
    return order;
  };
  const repo = {
    openIfNone,
    openManyIfNone: async (ts: NewTask[]) =>
      (await Promise.all(ts.map(openIfNone))).filter((o): o is Task => o !== null),
    closeOpenBefore: async () => 0,
    lastClosedAt: async () =>
      new Map(
        orders
          .filter((o) => o.closedAt !== undefined)
          .map((o) => [`${o.assetId}/${o.component}`, o.closedAt as number]),
      ),
  } as unknown as TaskRepository;
  const close = (assetId: string, status: 'DONE' | 'CANCELLED') => {
    const order = open(assetId);
    if (order) Object.assign(order, { status, closedAt: clock() });
  };
  return { repo, close };
}

async function play(scenario: WarningScenario): Promise<number[]> {
  let now = 0;
  const { repo, close } = memoryOrders(() => now);
  const sut = new ReplacementTaskService(repo, new MetricsRegistry({ defaultMetrics: false }), {
    now: () => now,
  });
  const policy: WarningPolicy = { assetType: 'turbofan', ...scenario.policy };
  const raisedAt: number[] = [];
  let run = 0;
  for (const step of scenario.steps) {
    now = step.h * HOUR;
    if (step.close) {
      close('e-1', step.close);
      continue;
    }
    const risk = step.risk ?? 0;
    run = risk >= policy.threshold ? run + 1 : 0;
    const score: ScoredAsset = {
      assetId: 'e-1',
      assetType: 'turbofan',
      tenantId: 'acme',
      probability: risk,
      horizon: policy.horizon,
      rul: step.rul ?? 100,
      modelVersion: 'm@1',
      scoredAt: new Date(now).toISOString(),
      windowEnd: new Date(now).toISOString(),
      consecutiveAbove: run,
      lastTs: now,
      msPerCycle: HOUR,
    };
    if ((await sut.onScores([score], () => policy)).length > 0) raisedAt.push(step.h);
  }
  return raisedAt;
}

describe(`${ReplacementTaskService.name} scenarios`, () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('has the scenarios the issue names', () => {
    expect(files).toEqual([
      'degrading-asset.json',
      'hysteresis-clear-threshold.json',
      'noisy-at-threshold.json',
      'repaired-then-cooldown.json',
    ]);
  });

  it.each(files)('%s', async (file) => {
    const scenario = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as WarningScenario;
    const raisedAt = await play(scenario);
    expect({ file, raisedAt }).toEqual({ file, raisedAt: scenario.expect.raisedAtHours });
    if (scenario.failsAtHour !== undefined)
      expect(raisedAt.every((h) => h < (scenario.failsAtHour as number))).toBe(true);
  });
});
