import { PROVIDER_SCOPE, tenantScope, type Scope } from '@hourglass/platform-tenancy';
import {
  portfolioScenarios,
  scenarioAnswers,
  scenarioPorts,
} from '../health/health-scenario.fixture';
import { ChurnWarningService } from './churn-warning.service';
import type { ChurnRisk, ChurnSignal, ChurnSignalKind } from './churn.types';

/** What a churn scenario states: each warning's risk, points and signal kinds, and the first one's evidence. */
interface ChurnExpectation {
  warnings: Array<{
    tenantId: string;
    contractId: string | null;
    risk: ChurnRisk;
    points: number;
    kinds: ChurnSignalKind[];
  }>;
  evidenceOfFirst: ChurnSignal[];
}

const scenarios = portfolioScenarios<ChurnExpectation>('churn-scenarios');

describe.each(scenarios.map((s) => [s.name, s] as const))(
  `${ChurnWarningService.name} scenario %s`,
  (_name, scenario) => {
    const sut = new ChurnWarningService({
      ...scenarioPorts(scenario),
      answers: {
        answeredIn: async (scope: Scope, from: string, to: string) =>
          scenarioAnswers(scenario).filter(
            (a) =>
              (scope.kind === 'provider' ||
                (scope.kind === 'tenant' && scope.tenantId === a.tenantId)) &&
              a.answeredAt >= from &&
              a.answeredAt < to,
          ),
      },
      clock: () => Date.parse(scenario.asOf),
    });

    it('raises the hand-computed warnings, highest risk first, with their evidence', async () => {
      const warnings = await sut.warnings(PROVIDER_SCOPE);
      expect(
        warnings.map((w) => ({
          tenantId: w.tenantId,
          contractId: w.contractId,
          risk: w.risk,
          points: w.points,
          kinds: w.signals.map((s) => s.kind),
        })),
      ).toEqual(scenario.expected.warnings);
      expect(warnings[0].signals).toEqual(scenario.expected.evidenceOfFirst);
    });

    it("gives a customer's users only its own warnings", async () => {
      const first = scenario.expected.warnings[0].tenantId;
      const own = await sut.warnings(tenantScope(first));
      expect(new Set(own.map((w) => w.tenantId))).toEqual(new Set([first]));
      const other = scenario.expected.warnings.find((w) => w.tenantId !== first)!.tenantId;
      expect(await sut.warnings(tenantScope(first), other)).toEqual([]);
      expect((await sut.warnings(PROVIDER_SCOPE, other)).map((w) => w.tenantId)).toContain(other);
    });
  },
);
