import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { TouchCalendarService } from './touch-calendar.service';
import { TouchOutcomeRepository } from './touch-outcome.repository';
import { scenarioLifecyclePorts, touchScenarios, touchSummary } from './touch-scenario.fixture';

// Outcomes live in touch_outcomes on each engine; the stage inputs come from the scenario's ports.
for (const scenario of touchScenarios()) {
  forEachSqlBackend(`${TouchCalendarService.name} scenario ${scenario.name}`, (db) => {
    let sut: TouchCalendarService;
    const ids = scenario.expected.touches.map(([id]) => id);

    beforeAll(() => {
      sut = new TouchCalendarService({
        ...scenarioLifecyclePorts(scenario),
        outcomes: new TouchOutcomeRepository(db()),
      });
    });

    it('derives the scenario touches with no outcome recorded yet', async () => {
      const touches = await sut.touches(PROVIDER_SCOPE, scenario.from, scenario.to);
      expect(touchSummary(touches)).toEqual(scenario.expected.touches);
      expect(touches.every((t) => t.outcome === null)).toBe(true);
    });

    it('stores an outcome under the stable id, the latest recording replacing the first', async () => {
      await sut.recordOutcome(
        PROVIDER_SCOPE,
        ids[1],
        { outcome: 'NO_RESPONSE', note: null },
        'ann',
      );
      const saved = await sut.recordOutcome(
        PROVIDER_SCOPE,
        ids[1],
        { outcome: 'DONE', note: 'called back' },
        'pat@provider',
      );
      expect(saved.outcome).toMatchObject({
        outcome: 'DONE',
        note: 'called back',
        recordedBy: 'pat@provider',
      });
      const touches = await sut.touches(PROVIDER_SCOPE, scenario.from, scenario.to);
      expect(
        touches.filter((t) => t.outcome !== null).map((t) => [t.id, t.outcome?.outcome]),
      ).toEqual([[ids[1], 'DONE']]);
      const [, tenant] = scenario.expected.touches[1];
      const own = await sut.touches(tenantScope(tenant), scenario.from, scenario.to);
      expect(own.find((t) => t.id === ids[1])?.outcome?.outcome).toBe('DONE');
      const other = scenario.expected.touches.find(([, t]) => t !== tenant)?.[1] as string;
      expect(await new TouchOutcomeRepository(db()).outcomes(tenantScope(other), ids)).toEqual(
        new Map(),
      );
    });

    it('refuses an outcome outside the enum at the table too', async () => {
      await expect(
        db().query(
          `insert into touch_outcomes (touch_id, tenant_id, outcome, recorded_by) values ('x', 'acme', 'MAYBE', 'pat')`,
        ),
      ).rejects.toThrow();
    });
  });
}
