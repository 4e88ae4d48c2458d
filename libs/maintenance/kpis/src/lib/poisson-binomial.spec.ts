import {
  demandInterval,
  pmfQuantile,
  weightedPoissonBinomialPmf,
  type DemandTrial,
} from './poisson-binomial';
import { seededRandom } from './seeded-random.fixture';

/** P(total = k) by enumerating all 2^n outcomes. */
function bruteForce(trials: readonly DemandTrial[]): number[] {
  const max = trials.reduce((s, t) => s + t.quantity, 0);
  const pmf = new Array<number>(max + 1).fill(0);
  for (let mask = 0; mask < 1 << trials.length; mask++) {
    let prob = 1;
    let total = 0;
    trials.forEach((t, i) => {
      const hit = (mask >> i) & 1;
      prob *= hit ? t.p : 1 - t.p;
      total += hit ? t.quantity : 0;
    });
    pmf[total] += prob;
  }
  return pmf;
}

/** Realised total of one simulated fleet. */
function simulate(trials: readonly DemandTrial[], random: () => number): number {
  let total = 0;
  for (let i = 0; i < trials.length; i++) if (random() < trials[i].p) total += trials[i].quantity;
  return total;
}

function coverage(trials: readonly DemandTrial[], runs: number, budget?: number) {
  const interval = demandInterval(trials, budget);
  const random = seededRandom(7);
  let inside = 0;
  for (let r = 0; r < runs; r++) {
    const x = simulate(trials, random);
    if (x >= interval.low && x <= interval.high) inside++;
  }
  return { interval, rate: inside / runs };
}

describe(weightedPoissonBinomialPmf.name, () => {
  it.each([1, 2, 5, 8, 11])('equals brute-force enumeration for %i trials', (n) => {
    const random = seededRandom(n);
    const trials = Array.from({ length: n }, () => ({
      p: random(),
      quantity: 1 + Math.floor(random() * 3),
    }));
    const expected = bruteForce(trials);
    const sut = weightedPoissonBinomialPmf(trials);
    expect(sut.length).toBe(expected.length);
    expected.forEach((v, k) => expect(sut[k]).toBeCloseTo(v, 12));
  });

  it('gives the 5th and 95th percentiles of a hand-computed case', () => {
    // Two trials of p = 0.5: P(0) = 0.25, P(1) = 0.5, P(2) = 0.25.
    const pmf = weightedPoissonBinomialPmf([
      { p: 0.5, quantity: 1 },
      { p: 0.5, quantity: 1 },
    ]);
    expect([pmfQuantile(pmf, 0.05), pmfQuantile(pmf, 0.5), pmfQuantile(pmf, 0.95)]).toEqual([
      0, 1, 2,
    ]);
  });
});

describe(demandInterval.name, () => {
  it('counts certain trials outside the distribution', () => {
    expect(
      demandInterval([
        { p: 1, quantity: 2 },
        { p: 1, quantity: 1 },
      ]),
    ).toEqual({ expected: 3, low: 3, high: 3, method: 'exact' });
  });

  it('covers the realised count of a simulated fleet at about 90 % (exact)', () => {
    const random = seededRandom(42);
    const trials = Array.from({ length: 300 }, () => ({
      p: random() * 0.1,
      quantity: random() < 0.2 ? 2 : 1,
    }));
    const { interval, rate } = coverage(trials, 1500);
    expect(interval.method).toBe('exact');
    expect(rate).toBeGreaterThanOrEqual(0.88);
    expect(rate).toBeLessThanOrEqual(0.96);
  });

  it('covers the realised count at about 90 % with the normal approximation (forced by a zero budget)', () => {
    const random = seededRandom(43);
    const trials = Array.from({ length: 600 }, () => ({ p: random() * 0.1, quantity: 1 }));
    const { interval, rate } = coverage(trials, 1500, 0);
    expect(interval.method).toBe('normal');
    expect(rate).toBeGreaterThanOrEqual(0.87);
    expect(rate).toBeLessThanOrEqual(0.94);
  });

  it('matches the exact percentiles of Binomial(100, 0.5) with the continuity correction', () => {
    // mean 50, sd 5: ceil(49.5 -/+ 1.645 x 5) = 42, 58; exactly F(41) = 0.044, F(42) = 0.067, F(57) = 0.933, F(58) = 0.956.
    const trials = Array.from({ length: 100 }, () => ({ p: 0.5, quantity: 1 }));
    expect(demandInterval(trials, 0)).toEqual({
      expected: 50,
      low: 42,
      high: 58,
      method: 'normal',
    });
    expect(demandInterval(trials)).toEqual({ expected: 50, low: 42, high: 58, method: 'exact' });
  });

  it('agrees with the exact interval within one unit where both apply', () => {
    const random = seededRandom(44);
    const trials = Array.from({ length: 3000 }, () => ({ p: random() * 0.2, quantity: 1 }));
    const exact = demandInterval(trials);
    const normal = demandInterval(trials, 0);
    expect(normal.method).toBe('normal');
    expect(Math.abs(normal.low - exact.low)).toBeLessThanOrEqual(1);
    expect(Math.abs(normal.high - exact.high)).toBeLessThanOrEqual(1);
  });

  it('stays exact (and quick) for 100,000 assets with small probabilities', () => {
    const trials = Array.from({ length: 100_000 }, () => ({ p: 1e-5, quantity: 1 }));
    const started = Date.now();
    const sut = demandInterval(trials);
    expect(sut.method).toBe('exact');
    expect(sut.expected).toBeCloseTo(1, 9);
    expect([sut.low, sut.high]).toEqual([0, 3]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
