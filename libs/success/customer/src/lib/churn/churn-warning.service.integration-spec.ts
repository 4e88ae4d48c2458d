import { ensureTenant, PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  portfolioScenarios,
  scenarioAnswers,
  scenarioPorts,
} from '../health/health-scenario.fixture';
import { NpsAnswerRepository } from '../nps/nps-answer.repository';
import { ChurnWarningService } from './churn-warning.service';
import type { ChurnRisk, ChurnSignal, ChurnSignalKind } from './churn.types';

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

// The NPS answers come from the table on each engine; the other domains' inputs from the scenario's ports.
for (const scenario of portfolioScenarios<ChurnExpectation>('churn-scenarios')) {
  forEachSqlBackend(`${ChurnWarningService.name} scenario ${scenario.name}`, (db) => {
    it('raises the hand-computed warnings with their evidence', async () => {
      const answers = new NpsAnswerRepository(db());
      for (const t of new Set(scenario.assets.map((a) => a.tenantId))) await ensureTenant(db(), t);
      for (const a of scenarioAnswers(scenario)) await answers.insertIfNone(a);
      const sut = new ChurnWarningService({
        ...scenarioPorts(scenario),
        answers,
        clock: () => Date.parse(scenario.asOf),
      });
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
  });
}
