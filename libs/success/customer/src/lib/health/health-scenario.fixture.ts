import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scopeAllows, type Scope } from '@hourglass/platform-tenancy';
import type { NpsAnswer } from '../nps/nps-answer.repository';
import type {
  CustomerContract,
  CustomerHealthPorts,
  ForeignRepair,
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
  repairs?: ForeignRepair[];
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

const FIXTURES = join(__dirname, '../fixtures');
const DAY_MS = 86_400_000;

/** Every scenario of `fixtures/<folder>` (the portfolio format), by file name. */
export function portfolioScenarios<T = HealthScenario['expected']>(
  folder: string,
): Array<Omit<HealthScenario, 'expected'> & { expected: T }> {
  const DIR = join(FIXTURES, folder);
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      ...(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Omit<
        HealthScenario,
        'name' | 'expected'
      > & {
        expected: T;
      }),
    }));
}

/** Every health scenario, by file name. */
export const healthScenarios = (): HealthScenario[] => portfolioScenarios('health-scenarios');

/** The scenario's answers as stored answers. */
export const scenarioAnswers = (s: Pick<HealthScenario, 'answers'>): NpsAnswer[] =>
  s.answers.map((a) => ({
    ...a,
    comment: null,
    answeredBy: `${a.tenantId}-user`,
    orderCompletedAt: a.answeredAt,
    partnerId: null,
    region: null,
  }));

/** Ports answering from the scenario, scoped like the real adapters; hours by window (last 90 days or the 90 before). */
export function scenarioPorts(s: Omit<HealthScenario, 'expected'>): CustomerHealthPorts {
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
    repairs: {
      repairs: async (scope, fromMs, toMs) =>
        (s.repairs ?? []).filter(
          (r) => seen(scope, r.tenantId) && Date.parse(r.at) >= fromMs && Date.parse(r.at) < toMs,
        ),
    },
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
