import type { MatrixContractResponse, MatrixQuadrant } from '@hourglass/contracts-api';
import {
  groupByQuadrant,
  marginRange,
  matrixChartOptions,
  type MatrixChartLabels,
} from './portfolio-view';

const contract = (
  contractId: string,
  quadrant: MatrixQuadrant,
  customerValue: number,
  commercialValue: number,
): MatrixContractResponse => ({
  contractId,
  tenantId: `t-${contractId}`,
  customerValue,
  commercialValue,
  quadrant,
  move: `move of ${quadrant}`,
  inputs: { health: 70, availability: 80, revenue: 1000, serviceCost: 600, inputOutputRatio: 1.67 },
});
const thresholds = { customerValue: 60, marginPct: 20 };
const labels: MatrixChartLabels = {
  xAxis: 'margin',
  yAxis: 'value',
  quadrant: {
    GROWTH_ENGINE: 'Growth',
    VALUE_ISLAND: 'Island',
    COST_RUIN: 'Ruin',
    PROFIT_EXTRACTOR: 'Extractor',
  },
  tooltip: (i) => `Contract ${i.contractId}\nMove: ${i.move}`,
};
const items = [
  contract('c-low', 'GROWTH_ENGINE', 61, 45),
  contract('c-ruin', 'COST_RUIN', 30, -45),
  contract('c-high', 'GROWTH_ENGINE', 90, 40),
  contract('c-<b>', 'PROFIT_EXTRACTOR', 20, 50),
];

describe('groupByQuadrant', () => {
  it('gives every quadrant in reading order, highest customer value first, with its move', () => {
    const groups = groupByQuadrant(items);
    expect(
      groups.map((g) => ({
        q: g.quadrant,
        move: g.move,
        ids: g.contracts.map((c) => c.contractId),
      })),
    ).toEqual([
      { q: 'VALUE_ISLAND', move: null, ids: [] },
      { q: 'GROWTH_ENGINE', move: 'move of GROWTH_ENGINE', ids: ['c-high', 'c-low'] },
      { q: 'COST_RUIN', move: 'move of COST_RUIN', ids: ['c-ruin'] },
      { q: 'PROFIT_EXTRACTOR', move: 'move of PROFIT_EXTRACTOR', ids: ['c-<b>'] },
    ]);
  });

  it('keeps the quadrant the API gave, whatever the values say', () => {
    // A point on the threshold is high: the API decides, the console does not re-place it.
    const onLine = contract('c-line', 'GROWTH_ENGINE', 60, 20);
    expect(groupByQuadrant([onLine])[1].contracts).toEqual([onLine]);
  });
});

describe('matrixChartOptions', () => {
  const options = matrixChartOptions(items, thresholds, labels);
  const [series] = options.series;

  it('puts margin across and customer value up, a point per contract named by it', () => {
    expect(options.xAxis).toMatchObject({ name: 'margin', min: -60, max: 100 });
    expect(options.yAxis).toMatchObject({ name: 'value', min: 0, max: 100 });
    expect(series.data.map((p) => [p.name, p.value])).toEqual([
      ['c-low', [45, 61]],
      ['c-ruin', [-45, 30]],
      ['c-high', [40, 90]],
      ['c-<b>', [50, 20]],
    ]);
    expect(series.label).toMatchObject({ show: true, formatter: '{b}' });
  });

  it('draws the thresholds as lines and names the four quadrants between them', () => {
    expect(series.markLine.data).toEqual([{ xAxis: 20 }, { yAxis: 60 }]);
    expect(series.markArea.data).toEqual([
      [{ name: 'Island', coord: [-60, 100] }, { coord: [20, 60] }],
      [{ name: 'Growth', coord: [20, 100] }, { coord: [100, 60] }],
      [{ name: 'Ruin', coord: [-60, 60] }, { coord: [20, 0] }],
      [{ name: 'Extractor', coord: [20, 60] }, { coord: [100, 0] }],
    ]);
  });

  it("shows each point's tooltip, escaped, with its lines kept", () => {
    const tip = (i: number) => options.tooltip.formatter({ data: series.data[i] });
    expect(tip(2)).toBe('Contract c-high<br/>Move: move of GROWTH_ENGINE');
    expect(tip(3)).toBe('Contract c-&lt;b&gt;<br/>Move: move of PROFIT_EXTRACTOR');
  });
});

describe('marginRange', () => {
  it('spans 0 to 100 and reaches down to the lowest margin or threshold, in tens', () => {
    expect(marginRange([], thresholds)).toEqual([0, 100]);
    expect(marginRange([contract('a', 'COST_RUIN', 10, -5)], thresholds)).toEqual([-20, 100]);
    expect(marginRange([], { customerValue: 60, marginPct: -130 })).toEqual([-140, 100]);
  });
});
