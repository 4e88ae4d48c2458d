import type { ModelEvaluation } from '../api/types';
import {
  backtestChartOptions,
  backtestRows,
  calibrationChartOptions,
  policyMarks,
  rowForThreshold,
  type EvaluationChartLabels,
} from './evaluation-view';

const threshold = (t: number, detected: number, median: number | null, falsePerYear: number) => ({
  threshold: t,
  units: 10,
  detected,
  missed: 10 - detected,
  leadTime: median === null ? { count: 0 } : { count: detected, median, p10: median - 4 },
  falseWarnings: falsePerYear * 2,
  falseWarningsPerAssetYear: falsePerYear,
});
const report: ModelEvaluation = {
  backtest: {
    byThreshold: [
      threshold(0.5, 8, 20, 0.5),
      threshold(0.1, 10, 40, 3),
      threshold(0.9, 0, null, 0),
    ],
  },
  calibration: {
    bins: [
      { from: 0, to: 0.1, count: 100, predicted: 0.02, observed: 0.03 },
      { from: 0.1, to: 0.2, count: 0, predicted: 0, observed: 0 },
      { from: 0.9, to: 1, count: 20, predicted: 0.95, observed: 0.9 },
    ],
  },
};
const labels: EvaluationChartLabels = {
  threshold: 'threshold',
  medianLead: 'median lead',
  p10Lead: 'p10 lead',
  falseWarnings: 'false',
  policy: (m) => `policy ${m.assetTypes.join(', ')}`,
  trueRul: 'true RUL',
  rmse: 'RMSE',
  bias: 'bias',
  predicted: 'predicted',
  observed: 'observed',
  perfect: 'perfect',
};

describe('backtestRows', () => {
  it('turns each threshold into detection share, lead times and false warnings, lowest first', () => {
    expect(backtestRows(report)).toEqual([
      {
        threshold: 0.1,
        detectedShare: 1,
        missed: 0,
        medianLead: 40,
        p10Lead: 36,
        falseWarningsPerAssetYear: 3,
      },
      {
        threshold: 0.5,
        detectedShare: 0.8,
        missed: 2,
        medianLead: 20,
        p10Lead: 16,
        falseWarningsPerAssetYear: 0.5,
      },
      {
        threshold: 0.9,
        detectedShare: 0,
        missed: 10,
        medianLead: null,
        p10Lead: null,
        falseWarningsPerAssetYear: 0,
      },
    ]);
  });

  it('is empty for a report without a backtest', () => {
    expect(backtestRows({})).toEqual([]);
  });
});

describe('policyMarks and rowForThreshold', () => {
  const policy = (assetType: string, t: number) => ({
    assetType,
    threshold: t,
    horizon: 30,
    consecutive: 3,
  });

  it('marks each distinct policy threshold once with its asset types', () => {
    expect(policyMarks([policy('turbofan', 0.5), policy('pump', 0.2), policy('fan', 0.5)])).toEqual(
      [
        { threshold: 0.2, assetTypes: ['pump'] },
        { threshold: 0.5, assetTypes: ['fan', 'turbofan'] },
      ],
    );
  });

  it('reads a policy off the highest backtested threshold at or below it', () => {
    const rows = backtestRows(report);
    expect(rowForThreshold(rows, 0.5)?.threshold).toBe(0.5);
    expect(rowForThreshold(rows, 0.65)?.threshold).toBe(0.5);
    expect(rowForThreshold(rows, 0.05)).toBeNull();
  });
});

describe('evaluation chart options', () => {
  it('draws lead times on the left axis, false warnings on the right and the policy as a line', () => {
    const options = backtestChartOptions(
      backtestRows(report),
      [{ threshold: 0.5, assetTypes: ['turbofan'] }],
      labels,
    );
    expect(options.series.map((s) => [s.name, s.yAxisIndex])).toEqual([
      ['median lead', 0],
      ['p10 lead', 0],
      ['false', 1],
    ]);
    expect(options.series[0].data).toEqual([
      [0.1, 40],
      [0.5, 20],
      [0.9, null],
    ]);
    expect(options.series[2].data).toEqual([
      [0.1, 3],
      [0.5, 0.5],
      [0.9, 0],
    ]);
    expect((options.series[0] as { markLine?: { data: unknown } }).markLine?.data).toEqual([
      { name: 'policy turbofan', xAxis: 0.5 },
    ]);
  });

  it('plots calibration bins that hold scores against the diagonal', () => {
    const options = calibrationChartOptions(report, labels);
    expect(options.series[0].data).toEqual([
      [0.02, 0.03],
      [0.95, 0.9],
    ]);
    expect(options.series[1].data).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});
