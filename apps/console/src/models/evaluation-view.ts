import type { ModelEvaluation, WarningPolicyView } from '../api/types';

/** One threshold of the warning backtest as the console shows it. */
export interface BacktestRow {
  threshold: number;
  /** Share of the held-out units warned at least `minLead` cycles before failure, in [0, 1]. */
  detectedShare: number;
  missed: number;
  /** Cycles between the first warning and the failure: median and 10th percentile (null: none). */
  medianLead: number | null;
  p10Lead: number | null;
  falseWarningsPerAssetYear: number;
}

/** The backtest's rows, lowest threshold first (an empty list when the report holds none). */
export function backtestRows(report: ModelEvaluation): BacktestRow[] {
  const rows = report.backtest?.byThreshold ?? [];
  return rows
    .map((r) => ({
      threshold: r.threshold,
      detectedShare: r.units > 0 ? r.detected / r.units : 0,
      missed: r.missed,
      medianLead: r.leadTime?.count ? (r.leadTime.median ?? null) : null,
      p10Lead: r.leadTime?.count ? (r.leadTime.p10 ?? null) : null,
      falseWarningsPerAssetYear: r.falseWarningsPerAssetYear,
    }))
    .sort((a, b) => a.threshold - b.threshold);
}

/** The current warning policies' thresholds, one mark per distinct threshold with its asset types. */
export interface PolicyMark {
  threshold: number;
  assetTypes: string[];
}

export function policyMarks(policies: readonly WarningPolicyView[]): PolicyMark[] {
  const byThreshold = new Map<number, string[]>();
  for (const p of policies)
    byThreshold.set(p.threshold, [...(byThreshold.get(p.threshold) ?? []), p.assetType]);
  return [...byThreshold]
    .map(([threshold, assetTypes]) => ({ threshold, assetTypes: assetTypes.sort() }))
    .sort((a, b) => a.threshold - b.threshold);
}

/**
 * The backtest row a policy threshold falls on: the highest backtested threshold at or below it
 * (a score counts at or above the threshold, so that row warns no later than the policy); null
 * when the policy lies below every backtested threshold.
 */
export function rowForThreshold(
  rows: readonly BacktestRow[],
  threshold: number,
): BacktestRow | null {
  let found: BacktestRow | null = null;
  for (const r of rows) if (r.threshold <= threshold + 1e-9) found = r;
  return found;
}

/** The translated words the evaluation charts show. */
export interface EvaluationChartLabels {
  threshold: string;
  medianLead: string;
  p10Lead: string;
  falseWarnings: string;
  policy(mark: PolicyMark): string;
  trueRul: string;
  rmse: string;
  bias: string;
  predicted: string;
  observed: string;
  perfect: string;
}

/** ECharts options of the threshold backtest: lead time (left axis) and false warnings (right). */
export function backtestChartOptions(
  rows: readonly BacktestRow[],
  marks: readonly PolicyMark[],
  labels: EvaluationChartLabels,
) {
  const line = (name: string, data: Array<[number, number | null]>, yAxisIndex: number) => ({
    name,
    type: 'line' as const,
    yAxisIndex,
    data,
    connectNulls: false,
    symbolSize: 6,
  });
  const lead = line(
    labels.medianLead,
    rows.map((r) => [r.threshold, r.medianLead]),
    0,
  );
  return {
    animation: false,
    grid: { left: 56, right: 64, top: 48, bottom: 48 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: {
      type: 'value',
      name: labels.threshold,
      nameLocation: 'middle',
      nameGap: 28,
      min: 0,
      max: 1,
    },
    yAxis: [
      { type: 'value', name: labels.medianLead, min: 0 },
      { type: 'value', name: labels.falseWarnings, min: 0, splitLine: { show: false } },
    ],
    series: [
      {
        ...lead,
        markLine: {
          symbol: 'none',
          label: { formatter: (p: { name?: string }) => p.name ?? '' },
          data: marks.map((m) => ({ name: labels.policy(m), xAxis: m.threshold })),
        },
      },
      line(
        labels.p10Lead,
        rows.map((r) => [r.threshold, r.p10Lead]),
        0,
      ),
      line(
        labels.falseWarnings,
        rows.map((r) => [r.threshold, r.falseWarningsPerAssetYear]),
        1,
      ),
    ],
  };
}

/** ECharts options of the held-out RUL error per true-RUL bin: RMSE and bias as bars. */
export function rulErrorChartOptions(report: ModelEvaluation, labels: EvaluationChartLabels) {
  const bins = report.rul?.byTrueRul ?? [];
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 40, bottom: 56 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: {
      type: 'category',
      name: labels.trueRul,
      nameLocation: 'middle',
      nameGap: 36,
      data: bins.map((b) => `${b.from}-${b.to}`),
    },
    yAxis: { type: 'value' },
    series: [
      { name: labels.rmse, type: 'bar', data: bins.map((b) => b.rmse) },
      { name: labels.bias, type: 'bar', data: bins.map((b) => b.bias) },
    ],
  };
}

/** ECharts options of the calibration: observed against predicted probability, and the diagonal. */
export function calibrationChartOptions(report: ModelEvaluation, labels: EvaluationChartLabels) {
  const bins = (report.calibration?.bins ?? []).filter((b) => b.count > 0);
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 40, bottom: 48 },
    tooltip: { trigger: 'item' },
    legend: { top: 0 },
    xAxis: {
      type: 'value',
      name: labels.predicted,
      nameLocation: 'middle',
      nameGap: 28,
      min: 0,
      max: 1,
    },
    yAxis: { type: 'value', name: labels.observed, min: 0, max: 1 },
    series: [
      {
        name: labels.observed,
        type: 'line',
        data: bins.map((b) => [b.predicted, b.observed]),
        symbolSize: 8,
      },
      {
        name: labels.perfect,
        type: 'line',
        data: [
          [0, 0],
          [1, 1],
        ],
        showSymbol: false,
        lineStyle: { type: 'dashed' },
      },
    ],
  };
}
