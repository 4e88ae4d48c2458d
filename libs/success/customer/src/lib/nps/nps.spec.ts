import fc from 'fast-check';
import { npsCategory, npsOf } from './nps';

describe(npsOf.name, () => {
  it('counts 9-10 as promoters, 7-8 as passives and 0-6 as detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      'DETRACTOR',
      'DETRACTOR',
      'PASSIVE',
      'PASSIVE',
      'PROMOTER',
      'PROMOTER',
    ]);
  });

  it('is % promoters - % detractors, rounded to 0.1, and null without answers', () => {
    expect(npsOf([10, 9, 7, 3])).toEqual({
      answers: 4,
      promoters: 2,
      passives: 1,
      detractors: 1,
      nps: 25,
    });
    expect(npsOf([10, 9, 7, 3, 6, 0, 8]).nps).toBe(-14.3);
    expect(npsOf([]).nps).toBeNull();
  });

  it('stays within -100..100 and does not depend on the order of the answers', () => {
    const answers = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(answers, fc.infiniteStream(fc.nat()), (scores, seeds) => {
        const figure = npsOf(scores);
        const shuffled = [...scores]
          .map((s) => ({ s, k: seeds.next().value }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.s);
        expect(figure.nps).toBeGreaterThanOrEqual(-100);
        expect(figure.nps).toBeLessThanOrEqual(100);
        expect(npsOf(shuffled)).toEqual(figure);
        expect(figure.promoters + figure.passives + figure.detractors).toBe(scores.length);
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
