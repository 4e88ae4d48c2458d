import { buildEvaluationReport } from './evaluation-report';
import { renderEvaluationHtml } from './evaluation-html';

/** A history of `length` rows whose predicted RUL is the true RUL plus `error`, capped at 125. */
function unit(id: string, length: number, error: number) {
  return {
    id,
    predictedRul: Array.from({ length }, (_, row) =>
      Math.min(125, Math.max(0, length - 1 - row + error)),
    ),
  };
}

const input = {
  model: { name: 'toy', version: 'toy@000000000000', horizon: 30, rulCap: 125 },
  source: 'synthetic predictions',
  units: [unit('1', 150, 0), unit('2', 200, 5), unit('3', 180, -5)],
  probability: (rul: number) => (rul < 30 ? 0.9 : rul < 45 ? 0.4 : 0.01),
  backtest: { thresholds: [0.3, 0.5], cyclesPerYear: 530 },
};

describe('buildEvaluationReport', () => {
  const sut = buildEvaluationReport(input);

  it('scores every row of every history', () => {
    expect(sut.units).toBe(3);
    expect(sut.rows).toBe(530);
    expect(sut.rul.byTrueRul.reduce((n, b) => n + b.count, 0)).toBe(530);
    expect(sut.rul.byTrueRul[0]).toMatchObject({ from: 0, to: 10, count: 30 });
    expect(sut.calibration.baseRate).toBeCloseTo(90 / 530, 12);
  });

  it('sweeps the same thresholds for classification and the backtest', () => {
    expect(sut.classification.map((c) => c.threshold)).toEqual([0.3, 0.5]);
    expect(sut.backtest.byThreshold.map((b) => b.threshold)).toEqual([0.3, 0.5]);
    expect(sut.backtest.falseBeyond).toBe(60);
    expect(sut.backtest.assetYears).toBeCloseTo(1, 12);
  });

  it('finds the warnings the probabilities imply', () => {
    const [low, high] = sut.backtest.byThreshold;
    // p >= 0.3 from predicted RUL 44: true RUL 44, 49 and 39; fires 2 rows later.
    expect(low.leadTime).toMatchObject({ min: 37, median: 42, max: 47 });
    expect(high.leadTime).toMatchObject({ min: 22, median: 27, max: 32 });
    expect(low.missed + high.missed + low.falseWarnings + high.falseWarnings).toBe(0);
  });

  it('measures RUL error against the capped target and up to the cap', () => {
    const shifted = buildEvaluationReport({ ...input, units: [unit('9', 40, 3)] });
    expect(shifted.rul.rmseUpToCap).toBeCloseTo(3, 12);
    expect(shifted.rul.rmseCapped).toBeCloseTo(3, 12);
    expect(sut.rul.rmseCapped).toBeGreaterThan(0);
  });

  it('rejects an empty evaluation', () => {
    expect(() => buildEvaluationReport({ ...input, units: [] })).toThrow(RangeError);
  });
});

describe('renderEvaluationHtml', () => {
  it('renders a self-contained page with one SVG chart per view and the threshold table', () => {
    const html = renderEvaluationHtml(buildEvaluationReport(input));
    expect(html.match(/<svg/g)).toHaveLength(5);
    expect(html).not.toContain('<script');
    expect(html).toContain('toy@000000000000');
    expect(html.match(/<tr><td>0\.[35]<\/td>/g)).toHaveLength(2);
  });
});
