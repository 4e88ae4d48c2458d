import { ensureTenant, PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { NpsAnswerRepository } from './nps-answer.repository';
import { NpsService } from './nps.service';
import { npsScenarios, respondentOf, scenarioOrders } from './nps-scenario.fixture';

for (const scenario of npsScenarios()) {
  forEachSqlBackend(`${NpsService.name} scenario ${scenario.name}`, (db) => {
    let now = 0;
    let sut: NpsService;

    beforeAll(async () => {
      for (const t of new Set(scenario.orders.map((o) => o.tenantId))) await ensureTenant(db(), t);
      sut = new NpsService({
        answers: new NpsAnswerRepository(db()),
        orders: scenarioOrders(scenario),
        clock: () => now,
      });
      for (const a of scenario.answers) {
        now = Date.parse(a.at);
        await sut.answer(respondentOf(a.tenantId), a.taskId, {
          score: a.score,
          comment: a.comment,
        });
      }
    });

    it('refuses what the scenario refuses, with its code', async () => {
      for (const r of scenario.refused) {
        await expect(
          sut.answer(respondentOf(r.tenantId), r.taskId, { score: r.score }),
        ).rejects.toMatchObject({ code: r.code });
      }
    });

    it('computes the hand-computed NPS overall and per tenant for the provider', async () => {
      const report = await sut.report(PROVIDER_SCOPE, scenario.period.from, scenario.period.to);
      expect(report.overall).toEqual(scenario.expected.overall);
      expect(report.byTenant).toEqual(scenario.expected.byTenant);
      expect(report.byPartner).toEqual([{ partnerId: null, ...scenario.expected.overall }]);
    });

    it('shows a customer only its own answers and NPS', async () => {
      for (const own of scenario.expected.byTenant) {
        const scope = tenantScope(own.tenantId);
        const report = await sut.report(scope, scenario.period.from, scenario.period.to);
        const { tenantId: _t, ...figure } = own;
        expect(report.overall).toEqual(figure);
        expect(report.byTenant.map((g) => g.tenantId)).toEqual([own.tenantId]);
      }
    });

    it('keeps the first answer and its comment', async () => {
      const first = scenario.answers.find((a) => a.comment)!;
      const stored = await new NpsAnswerRepository(db()).get(
        tenantScope(first.tenantId),
        first.taskId,
      );
      expect(stored).toMatchObject({
        score: first.score,
        comment: first.comment,
        answeredAt: first.at,
        answeredBy: `${first.tenantId}-user`,
      });
    });
  });
}
