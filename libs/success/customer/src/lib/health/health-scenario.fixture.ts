import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scopeAllows, type Scope } from '@hourglass/platform-tenancy';
import type { NpsAnswer } from '../nps/nps-answer.repository';
import type {
  CustomerContract,
  CustomerHealthPorts,
  OpenOrder,
} from '../portfolio/portfolio.ports';
import type { HealthBand, HealthComponentName } from './health.types';

/** One health scenario file of `fixtures/health-scenarios` (expected values computed by hand in its description). */
export interface HealthScenario {
  name: string;
  description: string;
  asOf: string;
  assets: Array<{
    assetId: string;
    tenantId: string;
    lastSeen: string | null;
    elevated: boolean;
    hoursRecent: number;
    hoursPrevious: number;
  }>;
  contracts: Array<Omit<CustomerContract, 'endsAt'> & { endsAt?: string | null }>;
  orders: OpenOrder[];
  answers: Array<{
    taskId: string;
    tenantId: string;
    assetId: string;
    score: number;
    answeredAt: string;
  }>;
  expected: Array<
    ExpectedHealth & { tenantId: string; contracts: Array<ExpectedHealth & { contractId: string }> }
  >;
}

interface ExpectedHealth {
  score: number | null;
  band: HealthBand | null;
  components: Record<HealthComponentName, number | null>;
}

const DIR = join(__dirname, '../fixtures/health-scenarios');
const DAY_MS = 86_400_000;

/** Every health scenario, by file name. */
export function healthScenarios(): HealthScenario[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      ...(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Omit<HealthScenario, 'name'>),
    }));
}

/** The scenario's answers as stored answers. */
export const scenarioAnswers = (s: HealthScenario): NpsAnswer[] =>
  s.answers.map((a) => ({
    ...a,
    comment: null,
    answeredBy: `${a.tenantId}-user`,
    orderCompletedAt: a.answeredAt,
    partnerId: null,
    region: null,
  }));

/** Ports answering from the scenario, scoped like the real adapters; hours by window (last 90 days or the 90 before). */
export function scenarioPorts(s: HealthScenario): CustomerHealthPorts {
  const asOfMs = Date.parse(s.asOf);
  const seen = (scope: Scope, tenantId: string) => scopeAllows(scope, tenantId);
  return {
    fleet: { assets: async (scope) => s.assets.filter((a) => seen(scope, a.tenantId)) },
    risk: {
      elevated: async (ids) =>
        new Set(
          s.assets.filter((a) => a.elevated && ids.includes(a.assetId)).map((a) => a.assetId),
        ),
    },
    hours: {
      hours: async (scope, ids, fromMs) =>
        new Map(
          s.assets
            .filter((a) => seen(scope, a.tenantId) && ids.includes(a.assetId))
            .map((a) => [
              a.assetId,
              fromMs >= asOfMs - 90 * DAY_MS ? a.hoursRecent : a.hoursPrevious,
            ]),
        ),
    },
    orders: { open: async (scope) => s.orders.filter((o) => seen(scope, o.tenantId)) },
    contracts: {
      contracts: async (scope, periods) =>
        s.contracts
          .filter((c) => seen(scope, c.tenantId))
          .map((c) => ({ ...c, endsAt: c.endsAt ?? null, periods: c.periods.slice(0, periods) })),
    },
  };
}

/** A health answer reduced to what a scenario states: score, band and each component's score. */
export function summary(h: {
  score: number | null;
  band: HealthBand | null;
  components: Array<{ name: HealthComponentName; score: number | null }>;
}): ExpectedHealth {
  return {
    score: h.score,
    band: h.band,
    components: Object.fromEntries(
      h.components.map((c) => [c.name, c.score]),
    ) as ExpectedHealth['components'],
  };
}
