import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricMove, ServiceCase } from './case.types';
import type { Ranking } from './case-ranking';

type PatternRow = Pick<MetricMove, 'metric' | 'relativeRatePerDay'>;

/** A suggestion scenario as stored: cases reduced to what ranking reads, and the hand-computed ranking. */
interface RawSuggestionScenario {
  description: string;
  orderPattern: PatternRow[];
  cases: Array<
    Pick<ServiceCase, 'problem' | 'cause' | 'remedy' | 'parts'> & { pattern: PatternRow[] }
  >;
  expected: Ranking;
}

/**
 * A pattern row as a whole move: direction from the sign, the row's rate also as its standardised
 * change (what patterns are compared on, so the scenarios' hand computations read one number);
 * change, samples and t statistic are not ranked on.
 */
export const toMove = (r: PatternRow): MetricMove => ({
  ...r,
  direction: r.relativeRatePerDay < 0 ? 'DOWN' : 'UP',
  change: r.relativeRatePerDay,
  samples: 3,
  standardisedChange: r.relativeRatePerDay,
  tStatistic: r.relativeRatePerDay,
});

/** Every file of `fixtures/suggestion-scenarios`, as cases of turbofan / hpc-module. */
export function loadSuggestionScenarios() {
  const dir = join(__dirname, 'fixtures/suggestion-scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RawSuggestionScenario;
      const cases: ServiceCase[] = raw.cases.map((c, i) => ({
        ...c,
        pattern: c.pattern.map(toMove),
        caseId: String(i + 1),
        orderId: `order-${i + 1}`,
        tenantId: 'acme',
        assetId: `engine-${i + 1}`,
        assetType: 'turbofan',
        component: 'hpc-module',
        failureCode: c.remedy ?? c.cause ?? c.problem,
        outcome: 'DEFECT_CONFIRMED_REPLACED',
        labourHours: 4,
        notes: null,
        raisedAt: '2026-03-01T00:00:00.000Z',
        completedAt: '2026-03-02T00:00:00.000Z',
      }));
      return { name: file, raw, cases, orderPattern: raw.orderPattern.map(toMove) };
    });
}
