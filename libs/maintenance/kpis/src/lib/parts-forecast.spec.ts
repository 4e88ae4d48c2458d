import { forecastParts, scaleProbability, type BomLine } from './parts-forecast';

const bom: BomLine[] = [
  { assetType: 'turbofan', component: 'hpc-module', partNumber: 'HPC-MOD', quantity: 1 },
  { assetType: 'turbofan', component: 'hpc-module', partNumber: 'PLUG', quantity: 2 },
  { assetType: 'turbofan', component: 'fan-module', partNumber: 'FAN-BLADE', quantity: 2 },
];

describe(scaleProbability.name, () => {
  it('scales with a constant hazard', () => {
    expect(scaleProbability(0.5, 30, 60)).toBeCloseTo(0.75, 12);
    expect(scaleProbability(0.75, 60, 30)).toBeCloseTo(0.5, 12);
    expect(scaleProbability(0.2, 30, 30)).toBeCloseTo(0.2, 12);
    expect([scaleProbability(0, 30, 90), scaleProbability(1, 30, 90)]).toEqual([0, 1]);
  });
});

describe(forecastParts.name, () => {
  it('sums failure probabilities and plans falling due per part', () => {
    const sut = forecastParts({
      horizonDays: 60,
      bom,
      risks: [
        {
          assetId: 'a1',
          assetType: 'turbofan',
          component: 'hpc-module',
          probability: 0.5,
          horizonDays: 30,
        },
        {
          assetId: 'a2',
          assetType: 'turbofan',
          component: 'hpc-module',
          probability: 0.5,
          horizonDays: 30,
        },
        {
          assetId: 'a3',
          assetType: 'turbofan',
          component: 'hpc-module',
          probability: 0.9,
          horizonDays: 30,
        },
      ],
      plans: [
        { assetId: 'a3', assetType: 'turbofan', component: 'hpc-module' },
        { assetId: 'a1', assetType: 'turbofan', component: 'fan-module' },
      ],
    });
    // a1, a2: p = 0.75 each over 60 days; a3 is planned (p = 1, counted once); a1's fan plan: 2 blades.
    // HPC-MOD: 1 + Binomial(2, 0.75): P(0) = 1/16, P(1) = 6/16, P(2) = 9/16 -> 5th percentile 1 + 0 (F(0) = 0.0625 >= 0.05), 95th 1 + 2.
    expect(sut).toEqual([
      { partNumber: 'FAN-BLADE', expected: 2, low: 2, high: 2, method: 'exact' },
      { partNumber: 'HPC-MOD', expected: 2.5, low: 1, high: 3, method: 'exact' },
      { partNumber: 'PLUG', expected: 5, low: 2, high: 6, method: 'exact' },
    ]);
  });

  it('ignores assets whose component has no bill of materials', () => {
    expect(
      forecastParts({
        horizonDays: 30,
        bom,
        plans: [],
        risks: [
          { assetId: 'p', assetType: 'pump', component: 'seal', probability: 1, horizonDays: 30 },
        ],
      }),
    ).toEqual([]);
  });
});
