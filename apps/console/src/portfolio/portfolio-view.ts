import type {
  MatrixContractResponse,
  MatrixQuadrant,
  MatrixThresholdsResponse,
} from '@hourglass/contracts-api';

/** The quadrants in reading order: the top row (high customer value) first, margin rising. */
export const QUADRANTS: readonly MatrixQuadrant[] = [
  'VALUE_ISLAND',
  'GROWTH_ENGINE',
  'COST_RUIN',
  'PROFIT_EXTRACTOR',
];

/** The contracts of one quadrant with the move it calls for (null when the quadrant is empty). */
export interface QuadrantGroup {
  quadrant: MatrixQuadrant;
  move: string | null;
  contracts: MatrixContractResponse[];
}

/**
 * Groups placed contracts by the quadrant the API gave them, every quadrant present (empty ones
 * too, so the table shows where nothing lies), contracts highest customer value first.
 */
export function groupByQuadrant(items: readonly MatrixContractResponse[]): QuadrantGroup[] {
  return QUADRANTS.map((quadrant) => {
    const contracts = items
      .filter((i) => i.quadrant === quadrant)
      .sort(
        (a, b) =>
          b.customerValue - a.customerValue ||
          b.commercialValue - a.commercialValue ||
          a.contractId.localeCompare(b.contractId),
      );
    return { quadrant, move: contracts[0]?.move ?? null, contracts };
  });
}

/** The translated words the chart shows. */
export interface MatrixChartLabels {
  xAxis: string;
  yAxis: string;
  quadrant: Record<MatrixQuadrant, string>;
  /** The tooltip of a contract (plain text; the chart escapes it). */
  tooltip(item: MatrixContractResponse): string;
}

/** The horizontal range: always the thresholds and 0 to 100, and every margin, in steps of 10. */
export function marginRange(
  items: readonly MatrixContractResponse[],
  thresholds: MatrixThresholdsResponse,
): [number, number] {
  const low = Math.min(0, thresholds.marginPct, ...items.map((i) => i.commercialValue));
  return [Math.floor(low / 10) * 10 - (low < 0 ? 10 : 0), 100];
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** One scatter point: [margin %, customer value], labelled with its contract. */
interface MatrixPoint {
  value: [number, number];
  name: string;
  tooltip: string;
}

/**
 * The ECharts options of the matrix: commercial value (margin %) across, customer value up, a
 * labelled point per contract, the thresholds as lines and the four quadrants as named areas.
 */
export function matrixChartOptions(
  items: readonly MatrixContractResponse[],
  thresholds: MatrixThresholdsResponse,
  labels: MatrixChartLabels,
) {
  const [xMin, xMax] = marginRange(items, thresholds);
  const { customerValue: y, marginPct: x } = thresholds;
  const area = (q: MatrixQuadrant, from: [number, number], to: [number, number]) => [
    { name: labels.quadrant[q], coord: from },
    { coord: to },
  ];
  const points: MatrixPoint[] = items.map((i) => ({
    value: [i.commercialValue, i.customerValue],
    name: i.contractId,
    tooltip: escapeHtml(labels.tooltip(i)).replace(/\n/g, '<br/>'),
  }));
  return {
    animation: false,
    // Room on the right for the label of a point at 100 % margin.
    grid: { left: 64, right: 112, top: 24, bottom: 56 },
    tooltip: {
      trigger: 'item' as const,
      formatter: (p: { data?: MatrixPoint }) => p.data?.tooltip ?? '',
    },
    xAxis: {
      type: 'value' as const,
      name: labels.xAxis,
      nameLocation: 'middle' as const,
      nameGap: 32,
      min: xMin,
      max: xMax,
    },
    yAxis: {
      type: 'value' as const,
      name: labels.yAxis,
      nameLocation: 'middle' as const,
      nameGap: 40,
      min: 0,
      max: 100,
    },
    series: [
      {
        type: 'scatter' as const,
        symbolSize: 12,
        data: points,
        label: { show: true, position: 'right' as const, formatter: '{b}' },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { type: 'dashed' as const },
          data: [{ xAxis: x }, { yAxis: y }],
        },
        markArea: {
          silent: true,
          itemStyle: { color: 'transparent' },
          label: { position: 'insideTop' as const, color: '#555' },
          data: [
            area('VALUE_ISLAND', [xMin, 100], [x, y]),
            area('GROWTH_ENGINE', [x, 100], [xMax, y]),
            area('COST_RUIN', [xMin, y], [x, 0]),
            area('PROFIT_EXTRACTOR', [x, y], [xMax, 0]),
          ],
        },
      },
    ],
  };
}
