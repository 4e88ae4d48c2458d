import fc from 'fast-check';
import { quintileScores, rfmEntries, segmentOf } from './rfm-scores';
import { rfmScenarios, scenarioEvents } from './rfm-scenario.fixture';
import { DEFAULT_SEGMENT_RULES, type PaidServiceEvent } from './rfm.types';

describe(rfmEntries.name, () => {
  for (const s of rfmScenarios()) {
    it(`scores and segments scenario ${s.name} as computed by hand`, () => {
      const asOf = Date.parse(s.asOf);
      expect(rfmEntries(s.tenants, scenarioEvents(s), asOf, DEFAULT_SEGMENT_RULES)).toEqual(
        s.expected,
      );
      const changed = rfmEntries(s.tenants, scenarioEvents(s), asOf, s.changedRules);
      expect(Object.fromEntries(changed.map((e) => [e.tenantId, e.segment]))).toEqual(
        s.expectedWithChangedRules,
      );
    });
  }

  it('keeps scores within 1-5 and does not depend on the order of customers or events', () => {
    const asOf = Date.parse('2026-06-30T00:00:00Z');
    const event: fc.Arbitrary<PaidServiceEvent> = fc.record({
      tenantId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
      at: fc
        .integer({ min: asOf - 400 * 86_400_000, max: asOf })
        .map((t) => new Date(t).toISOString()),
      amount: fc.integer({ min: 0, max: 100_000 }).map((c) => c / 100),
      ref: fc.constant('x'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { minLength: 1 }),
        fc.array(event, { maxLength: 60 }),
        (tenants, events) => {
          const entries = rfmEntries(tenants, events, asOf, DEFAULT_SEGMENT_RULES);
          for (const e of entries)
            for (const score of [e.r, e.f, e.m]) {
              expect(score).toBeGreaterThanOrEqual(1);
              expect(score).toBeLessThanOrEqual(5);
            }
          expect(
            rfmEntries([...tenants].reverse(), [...events].reverse(), asOf, DEFAULT_SEGMENT_RULES),
          ).toEqual(entries);
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });
});

describe(quintileScores.name, () => {
  it('gives equal values one score and the best fifth a 5', () => {
    expect(quintileScores([12, 6, 6, 2, 0], 'higher')).toEqual([5, 3, 3, 2, 1]);
    expect(quintileScores([0, 15, 91, 181, 366], 'lower')).toEqual([5, 4, 3, 2, 1]);
    expect(quintileScores([7, 7, 7], 'higher')).toEqual([1, 1, 1]);
  });
});

describe(segmentOf.name, () => {
  it('takes the first rule that matches', () => {
    expect(segmentOf({ r: 5, f: 5, m: 5 }, DEFAULT_SEGMENT_RULES)).toBe('CHAMPIONS');
    expect(segmentOf({ r: 1, f: 5, m: 1 }, DEFAULT_SEGMENT_RULES)).toBe('LOYAL');
    expect(segmentOf({ r: 5, f: 1, m: 1 }, DEFAULT_SEGMENT_RULES)).toBe('PROMISING');
    expect(segmentOf({ r: 2, f: 3, m: 1 }, DEFAULT_SEGMENT_RULES)).toBe('AT_RISK');
  });
});
