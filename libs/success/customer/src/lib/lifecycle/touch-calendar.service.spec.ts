import { PROVIDER_SCOPE, partnerScope, tenantScope } from '@hourglass/platform-tenancy';
import { TouchCalendarService } from './touch-calendar.service';
import {
  memoryOutcomeStore,
  scenarioLifecyclePorts,
  touchScenarios,
  touchSummary,
} from './touch-scenario.fixture';

// One hand-computed scenario per file; the same files run on PGlite and PostgreSQL in the integration spec.
for (const scenario of touchScenarios()) {
  describe(`${TouchCalendarService.name} scenario ${scenario.name}`, () => {
    const newSut = () =>
      new TouchCalendarService({
        ...scenarioLifecyclePorts(scenario),
        outcomes: memoryOutcomeStore(() => '2026-06-11T10:00:00.000Z'),
      });

    it('derives the touches due in the window with their stage and due date', async () => {
      const touches = await newSut().touches(PROVIDER_SCOPE, scenario.from, scenario.to);
      expect(touchSummary(touches)).toEqual(scenario.expected.touches);
      expect(touches.every((t) => t.outcome === null)).toBe(true);
    });

    it('reports each customer stage at the end and the movement per stage', async () => {
      const report = await newSut().stages(PROVIDER_SCOPE, scenario.from, scenario.to);
      expect(Object.fromEntries(report.customers.map((c) => [c.tenantId, c.stage]))).toEqual(
        scenario.expected.customerStages,
      );
      expect(report.stages).toEqual(scenario.expected.stages);
    });

    it('keeps a recorded outcome attached to the touch by its stable id', async () => {
      const sut = newSut();
      const [, id] = scenario.expected.touches.map(([touchId]) => touchId);
      const saved = await sut.recordOutcome(
        PROVIDER_SCOPE,
        id,
        { outcome: 'DONE', note: 'called' },
        'pat@provider',
      );
      expect(saved).toMatchObject({ id, outcome: { outcome: 'DONE', recordedBy: 'pat@provider' } });
      const again = await sut.touches(PROVIDER_SCOPE, scenario.from, scenario.to);
      expect(again.filter((t) => t.outcome !== null).map((t) => t.id)).toEqual([id]);
    });

    it('refuses an outcome for a touch the rules do not derive', async () => {
      const [first] = scenario.expected.touches.map(([touchId]) => touchId);
      const shifted = first.replace(/\d{4}-\d{2}-\d{2}$/, '1999-01-01');
      for (const id of [shifted, 'not-a-touch'])
        await expect(
          newSut().recordOutcome(PROVIDER_SCOPE, id, { outcome: 'DONE', note: null }, 'pat'),
        ).rejects.toMatchObject({ code: 'TOUCH_NOT_FOUND' });
    });

    it('scopes: a customer gets only its own touches, a partner none', async () => {
      const sut = newSut();
      const tenant = scenario.expected.touches[0][1];
      const own = await sut.touches(tenantScope(tenant), scenario.from, scenario.to);
      expect(touchSummary(own)).toEqual(scenario.expected.touches.filter((t) => t[1] === tenant));
      // A partner assigned every asset and order still sees nothing of customer management.
      const partner = partnerScope('p1', {
        assetIds: scenario.assets.map((a) => a.assetId),
        orderIds: scenario.orders.map((o) => o.taskId),
      });
      expect(await sut.touches(partner, scenario.from, scenario.to)).toEqual([]);
      expect((await sut.stages(partner, scenario.from, scenario.to)).customers).toEqual([]);
    });
  });
}
