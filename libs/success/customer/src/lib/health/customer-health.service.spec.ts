import { PROVIDER_SCOPE, tenantScope, type Scope } from '@hourglass/platform-tenancy';
import { CustomerHealthService } from './customer-health.service';
import {
  healthScenarios,
  scenarioAnswers,
  scenarioPorts,
  summary,
  type HealthScenario,
} from './health-scenario.fixture';

const sutFor = (s: HealthScenario) =>
  new CustomerHealthService({
    ...scenarioPorts(s),
    answers: {
      answeredIn: async (scope: Scope, from: string, to: string) =>
        scenarioAnswers(s).filter(
          (a) =>
            (scope.kind === 'provider' ||
              (scope.kind === 'tenant' && scope.tenantId === a.tenantId)) &&
            a.answeredAt >= from &&
            a.answeredAt < to,
        ),
    },
    clock: () => Date.parse(s.asOf),
  });

describe.each(healthScenarios().map((s) => [s.name, s] as const))(
  `${CustomerHealthService.name} scenario %s`,
  (_name, scenario) => {
    it('scores every customer and contract as computed by hand', async () => {
      const portfolio = await sutFor(scenario).portfolio(PROVIDER_SCOPE);
      expect(
        portfolio.map((c) => ({
          tenantId: c.tenantId,
          ...summary(c),
          contracts: c.contracts.map((k) => ({ contractId: k.contractId, ...summary(k) })),
        })),
      ).toEqual(scenario.expected);
    });

    it("shows one customer's view to its own users only", async () => {
      const sut = sutFor(scenario);
      const [first, second] = scenario.expected;
      expect((await sut.customer(tenantScope(first.tenantId), first.tenantId))?.score).toBe(
        first.score,
      );
      expect(await sut.customer(tenantScope(first.tenantId), second.tenantId)).toBeNull();
      expect(await sut.customer(PROVIDER_SCOPE, 'nobody')).toBeNull();
    });
  },
);
