import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scopeAllows, type Scope } from '@hourglass/platform-tenancy';
import type { CustomerContract, OpenOrder } from '../portfolio/portfolio.ports';
import type { StageMovement } from './lifecycle-stages';
import type {
  CustomerStanding,
  LifecycleAsset,
  LifecyclePorts,
  LifecycleStage,
  Touch,
  TouchOutcome,
} from './lifecycle.types';
import type { TouchOutcomeStore } from './touch-calendar.service';

const DIR = join(__dirname, '../fixtures/touch-scenarios');

/** One touch-calendar scenario file (expected values computed by hand in its description). */
export interface TouchScenario {
  name: string;
  description: string;
  from: string;
  to: string;
  assets: LifecycleAsset[];
  standings: CustomerStanding[];
  orders: OpenOrder[];
  contracts: CustomerContract[];
  expected: {
    /** `[id, tenantId, stage, dueAt]` of each touch in the window, in order. */
    touches: Array<[string, string, LifecycleStage, string]>;
    /** Each customer's stage at `to` (lost customers left out). */
    customerStages: Record<string, LifecycleStage>;
    stages: StageMovement[];
  };
}

/** Every scenario under `fixtures/touch-scenarios`, one per file. */
export function touchScenarios(): TouchScenario[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as TouchScenario);
}

/**
 * The scenario's data behind the lifecycle ports, filtered by scope as the owners' adapters do: a
 * partner sees its assigned assets and orders (as the registry and the tasks lib answer it).
 */
export function scenarioLifecyclePorts(s: TouchScenario): LifecyclePorts {
  const inScope = <T extends { tenantId: string }>(scope: Scope, rows: readonly T[]) =>
    rows.filter((r) => scopeAllows(scope, r.tenantId));
  return {
    assets: {
      assets: async (scope) =>
        scope.kind === 'partner'
          ? s.assets.filter((a) => scope.assetIds.includes(a.assetId))
          : inScope(scope, s.assets),
    },
    standing: { standings: async (scope) => inScope(scope, s.standings) },
    orders: {
      open: async (scope) =>
        scope.kind === 'partner'
          ? s.orders.filter((o) => scope.orderIds.includes(o.taskId))
          : inScope(scope, s.orders),
    },
    contracts: { contracts: async (scope) => inScope(scope, s.contracts) },
  };
}

/** An in-memory {@link TouchOutcomeStore} for unit specs (the SQL one: `TouchOutcomeRepository`). */
export function memoryOutcomeStore(clock: () => string): TouchOutcomeStore {
  const rows = new Map<string, { tenantId: string; outcome: TouchOutcome }>();
  return {
    outcomes: async (scope, ids) =>
      new Map(
        ids.flatMap((id) => {
          const r = rows.get(id);
          return r && scopeAllows(scope, r.tenantId) ? [[id, r.outcome] as const] : [];
        }),
      ),
    record: async (id, tenantId, o, actor) => {
      rows.set(id, { tenantId, outcome: { ...o, recordedBy: actor, recordedAt: clock() } });
    },
  };
}

/** `[id, tenantId, stage, dueAt]` of each touch, as the scenario states them. */
export const touchSummary = (touches: readonly Touch[]) =>
  touches.map((t) => [t.id, t.tenantId, t.stage, t.dueAt]);
