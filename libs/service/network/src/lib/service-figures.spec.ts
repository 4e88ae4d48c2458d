import { loadFigureScenarios } from './figure-scenario.fixture';
import { computeServiceFigures } from './service-figures';

describe(computeServiceFigures.name, () => {
  it.each(loadFigureScenarios().map((s) => [s.name, s] as const))(
    'matches the hand-computed figures of %s',
    (_, scenario) => {
      const { period, ...figures } = computeServiceFigures(scenario.input);
      expect(Object.values(period).map(Date.parse)).toEqual(
        Object.values(scenario.raw.period).map(Date.parse),
      );
      expect(figures).toEqual(scenario.expected);
    },
  );

  it('answers null for figures without inputs, never a division by zero', () => {
    const sut = computeServiceFigures({
      period: { from: 0, to: 1 },
      assignments: [],
      visits: [],
      accounts: [],
      orders: [],
      assets: [],
    });
    expect(sut.overall).toEqual({
      firstTimeFix: { rate: null, fixedFirstTime: 0, attempted: 0 },
      responseTime: { meanHours: null, orders: 0 },
      revenuePerEngineer: { value: null, revenue: '0.00', activeTechnicians: 0 },
      inputOutput: { ratio: null, revenue: '0.00', cost: '0.00' },
    });
  });
});
