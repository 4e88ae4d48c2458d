import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TelemetryRange, TelemetryRow } from '@hourglass/telemetry-store';
import type { MaintenanceRule, RuleCondition } from './rule';
import type { RuleFiring } from './rule-evaluator';
import { RuleEvaluationJob } from './rule-evaluation.job';
import type { StoredRuleState } from './rule-state.repository';

/** A stretch of one sample a minute at one value. */
export interface Segment {
  minutes: number;
  value: number;
}

/** One rule scenario file of `scenarios/`: a condition, each asset's history as segments from `start`, and what must happen. */
export interface RuleScenario {
  name: string;
  condition: RuleCondition;
  start: string;
  assets: Record<string, Segment[]>;
  /** Live: the evaluation job runs every `roundMinutes` over the history; backtest: one replay. */
  mode: 'live' | 'backtest';
  roundMinutes?: number;
  expect: { total: number; perAsset: Record<string, string[]> };
}

export function loadRuleScenarios(): RuleScenario[] {
  const dir = join(__dirname, 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RuleScenario);
}

/** Samples a minute apart from `start`, one per minute of each segment. */
export function samplesOf(
  start: string,
  segments: readonly Segment[],
  metric: string,
): TelemetryRow[] {
  const rows: TelemetryRow[] = [];
  let ts = Date.parse(start);
  for (const s of segments) {
    for (let i = 0; i < s.minutes; i++, ts += 60_000)
      rows.push({ ts, metrics: { [metric]: s.value } });
  }
  return rows;
}

/** A telemetry store reading from fixed histories, with the real store's range semantics. */
export function fixedTelemetry(histories: ReadonlyMap<string, TelemetryRow[]>) {
  return {
    query: async (deviceId: string, range: TelemetryRange): Promise<TelemetryRow[]> => {
      const rows = (histories.get(deviceId) ?? []).filter(
        (r) => r.ts >= range.from && r.ts < range.to,
      );
      return range.limit === undefined ? rows : rows.slice(0, range.limit);
    },
  };
}

/** Runs a live scenario through {@link RuleEvaluationJob} round after round: the firings per asset (ISO times). */
export async function runLiveRuleScenario(s: RuleScenario): Promise<Record<string, string[]>> {
  const histories = new Map(
    Object.entries(s.assets).map(([id, segs]) => [
      id,
      samplesOf(s.start, segs, s.condition.metric),
    ]),
  );
  const end = Math.max(...[...histories.values()].map((rows) => rows[rows.length - 1].ts)) + 60_000;
  const rule: MaintenanceRule = {
    id: 'rule-1',
    tenantId: null,
    assetType: 'pump',
    name: s.name,
    condition: s.condition,
    component: 'seal',
    priority: 'HIGH',
    enabled: true,
    createdBy: 'test',
    createdAt: s.start,
    updatedAt: s.start,
  };
  const states = new Map<string, StoredRuleState>();
  const fired: Record<string, string[]> = Object.fromEntries(
    Object.keys(s.assets).map((id) => [id, []]),
  );
  let now = Date.parse(s.start);
  const job = new RuleEvaluationJob(
    {
      rules: { list: async () => [rule] },
      states: {
        states: async () => new Map(states),
        save: async (_rule, assetId, state) => void states.set(assetId, state),
        recordFiring: async (_rule, assetId, firing: RuleFiring) =>
          void fired[assetId].push(new Date(firing.at).toISOString()),
      },
      assets: {
        ofType: async () =>
          Object.keys(s.assets).map((id) => ({ id, tenantId: 'acme', type: 'pump' })),
        get: async () => null,
      },
      telemetry: fixedTelemetry(histories),
      orders: { raise: async (o) => ({ orderId: `${o.assetId}-order`, created: true }) },
      clock: () => new Date(now),
    },
    { lookbackMs: 24 * 3_600_000 },
  );
  for (; now <= end; now += (s.roundMinutes ?? 5) * 60_000) await job.run();
  return fired;
}
