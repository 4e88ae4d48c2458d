import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { RfmService } from './rfm.service';
import { rfmScenarios, scenarioEvents } from './rfm-scenario.fixture';
import { DEFAULT_SEGMENT_RULES } from './rfm.types';
import { SegmentRuleRepository } from './segment-rule.repository';

// The segment rules live in the table on each engine; customers and paid events come from the scenario's ports.
for (const scenario of rfmScenarios()) {
  forEachSqlBackend(`${RfmService.name} scenario ${scenario.name}`, (db) => {
    let rules: SegmentRuleRepository;
    let sut: RfmService;

    beforeAll(() => {
      rules = new SegmentRuleRepository(db());
      sut = new RfmService({
        fleet: {
          assets: async () =>
            scenario.tenants.map((t) => ({ assetId: `${t}-1`, tenantId: t, lastSeen: null })),
        },
        paid: {
          paid: async (scope, fromMs, toMs) =>
            scenarioEvents(scenario).filter(
              (e) => Date.parse(e.at) > fromMs && Date.parse(e.at) <= toMs,
            ),
        },
        rules,
        clock: () => Date.parse(scenario.asOf),
      });
    });

    it('segments with the default rules until they are changed', async () => {
      const result = await sut.segments(PROVIDER_SCOPE);
      expect(result.rules).toEqual(DEFAULT_SEGMENT_RULES);
      expect(result.items).toEqual(scenario.expected);
    });

    it('ranks a customer among all of them but shows it only its own row', async () => {
      const own = scenario.expected[1];
      expect((await sut.segments(tenantScope(own.tenantId))).items).toEqual([own]);
    });

    it('stores changed rules as data and segments by them', async () => {
      await rules.put(scenario.changedRules, 'pat@provider');
      const result = await sut.segments(PROVIDER_SCOPE);
      expect(result.rules).toEqual(scenario.changedRules);
      expect(Object.fromEntries(result.items.map((e) => [e.tenantId, e.segment]))).toEqual(
        scenario.expectedWithChangedRules,
      );
      expect(await rules.get()).toMatchObject({ updatedBy: 'pat@provider' });
      await expect(rules.put([{ segment: 'x', when: {} }], 'pat')).rejects.toMatchObject({
        code: 'SUCCESS_INVALID',
      });
      await expect(
        rules.put([{ segment: 'X', when: { r: { min: 6 } } }], 'pat'),
      ).rejects.toMatchObject({ code: 'SUCCESS_INVALID' });
    });
  });
}
