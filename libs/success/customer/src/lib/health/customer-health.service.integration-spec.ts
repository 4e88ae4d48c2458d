import { ensureTenant, PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { NpsAnswerRepository } from '../nps/nps-answer.repository';
import { CustomerHealthService } from './customer-health.service';
import {
  healthScenarios,
  scenarioAnswers,
  scenarioPorts,
  summary,
} from './health-scenario.fixture';

// The NPS answers come from the table on each engine; the other domains' inputs from the scenario's ports.
for (const scenario of healthScenarios()) {
  forEachSqlBackend(`${CustomerHealthService.name} scenario ${scenario.name}`, (db) => {
    it('scores every customer and contract as computed by hand', async () => {
      const answers = new NpsAnswerRepository(db());
      for (const t of new Set(scenario.assets.map((a) => a.tenantId))) await ensureTenant(db(), t);
      for (const a of scenarioAnswers(scenario)) await answers.insertIfNone(a);
      const sut = new CustomerHealthService({
        ...scenarioPorts(scenario),
        answers,
        clock: () => Date.parse(scenario.asOf),
      });
      const portfolio = await sut.portfolio(PROVIDER_SCOPE);
      expect(
        portfolio.map((c) => ({
          tenantId: c.tenantId,
          ...summary(c),
          contracts: c.contracts.map((k) => ({ contractId: k.contractId, ...summary(k) })),
        })),
      ).toEqual(scenario.expected);
    });
  });
}
