import { RuleBacktestService } from './rule-backtest.service';
import {
  fixedTelemetry,
  loadRuleScenarios,
  runLiveRuleScenario,
  samplesOf,
  type RuleScenario,
} from './rule-scenario.fixture';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';

async function backtest(s: RuleScenario) {
  const histories = new Map(
    Object.entries(s.assets).map(([id, segs]) => [
      id,
      samplesOf(s.start, segs, s.condition.metric),
    ]),
  );
  const assets = {
    ofType: async () => [...histories.keys()].map((id) => ({ id, tenantId: 'acme', type: 'pump' })),
    get: async () => null,
  };
  const sut = new RuleBacktestService(assets, fixedTelemetry(histories));
  const result = await sut.backtest(PROVIDER_SCOPE, {
    assetType: 'pump',
    condition: s.condition,
    from: new Date(s.start),
    to: new Date(Date.parse(s.start) + 30 * 86_400_000),
  });
  return {
    total: result.total,
    perAsset: Object.fromEntries(result.assets.map((a) => [a.assetId, a.firedAt])),
  };
}

// One scenario per file in scenarios/: sustained breach versus blip, re-arming after clearing, backtest counts.
describe('rule scenarios', () => {
  it.each(loadRuleScenarios().map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    if (scenario.mode === 'backtest') {
      expect(await backtest(scenario)).toEqual(scenario.expect);
      return;
    }
    const perAsset = await runLiveRuleScenario(scenario);
    expect({ total: Object.values(perAsset).flat().length, perAsset }).toEqual(scenario.expect);
  });
});
