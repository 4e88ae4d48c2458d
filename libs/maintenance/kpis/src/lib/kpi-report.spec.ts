import { computeKpis } from './kpi-report';
import { loadKpiScenarios } from './kpi-scenario.fixture';

describe(computeKpis.name, () => {
  const scenarios = loadKpiScenarios();

  it('has scenario files', () => expect(scenarios.length).toBeGreaterThanOrEqual(2));

  describe.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const sut = () => computeKpis(scenario.input);

    it.each([
      'mtbfHours',
      'mttrHours',
      'meanDowntimeHours',
      'availability',
      'firstTimeFixRate',
      'predictiveHitRate',
      'pmCompliance',
      'uptimeHours',
      'failures',
    ])('%s matches the hand-computed value', (field) => {
      const expected = scenario.expected[field];
      const actual = sut()[field as keyof ReturnType<typeof computeKpis>];
      if (expected === null) expect(actual).toBeNull();
      else expect(actual).toBeCloseTo(expected as number, 9);
    });

    it('lists the top failing components with their replacement cost', () => {
      expect(sut().topFailingComponents).toEqual(scenario.expected['topFailingComponents']);
    });

    it('computes the lifecycle service cost per operating year', () => {
      const [actual] = sut().lifecycleCosts;
      const [expected] = scenario.expected['lifecycleCosts'] as Array<Record<string, number>>;
      expect(actual.serviceCost).toBe(expected.serviceCost);
      expect(actual.operatingHours).toBeCloseTo(expected.operatingHours, 9);
      expect(actual.costPerOperatingYear).toBeCloseTo(expected.costPerOperatingYear, 2);
    });
  });
});
