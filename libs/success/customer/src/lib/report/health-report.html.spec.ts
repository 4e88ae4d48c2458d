import type { AssetHealthReport } from './asset-health-report.types';
import { buildHealthReportHtml } from './health-report.html';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

const report = (over: Partial<AssetHealthReport> = {}): AssetHealthReport => ({
  asset: { id: 'acme-7', type: 'turbofan', tenantId: 'acme', state: 'RUN' },
  generatedAt: '2026-11-08T00:00:00.000Z',
  period: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z', resolution: '1h' },
  risk: {
    probability: 0.237,
    horizon: 30,
    rul: 84.4,
    modelVersion: 'fd-v1@abc',
    scoredAt: '2026-11-07T23:00:00.000Z',
  },
  metrics: [
    { name: 'egt', points: [0, 1, 2].map((h) => [T0 + h * HOUR, 600 + h] as const) },
    { name: 'vibration', points: [0, 1].map((h) => [T0 + h * HOUR, 0.5 * h] as const) },
  ],
  lastOrder: {
    id: 'wo-41',
    component: 'hpc-module',
    completedAt: '2026-11-03T10:00:00.000Z',
    outcome: 'DEFECT_CONFIRMED_REPLACED',
    failureCode: 'HPC-BLADE-EROSION',
    parts: [{ partNumber: 'PN-778', quantity: 2 }],
    labourHours: 3.5,
  },
  openOrders: [
    {
      id: 'wo-52',
      component: 'fan',
      status: 'SCHEDULED',
      priority: 'HIGH',
      replaceBy: '2026-11-20T00:00:00.000Z',
      plannedFor: '2026-11-18T08:00:00.000Z',
    },
  ],
  nextPlanDue: {
    plan: 'Oil every 30 days',
    component: 'oil',
    dueDate: '2026-12-01',
    basis: 'DAYS',
  },
  contract: {
    contract: 'Acme uptime',
    period: '2026-11',
    availabilityPct: '98.50',
    targetPct: '97.00',
    meetsTarget: true,
    runHours: '161.25',
  },
  ...over,
});

describe(buildHealthReportHtml.name, () => {
  it('shows the figures: risk, RUL, the last order, what is due, availability and hours', () => {
    const sut = buildHealthReportHtml(report());
    for (const figure of [
      '23.7 %',
      '84 cycles',
      'HPC-BLADE-EROSION',
      'PN-778',
      'wo-52',
      '2026-12-01',
      '98.50 %',
      '161.25',
    ])
      expect(sut).toContain(figure);
  });

  it('draws one inline SVG chart per metric, with its series', () => {
    const sut = buildHealthReportHtml(report());
    const figures = [
      ...sut.matchAll(/<figure class="chart" data-metric="([^"]+)"><svg[^]*?<\/svg>/g),
    ];
    expect(figures.map((f) => f[1])).toEqual(['egt', 'vibration']);
    // The line of each series is a path of the SVG, and each chart is titled with its metric.
    for (const [svg, metric] of figures) {
      expect(svg).toMatch(/<path d="M[^"]+L[^"]+"/);
      expect(svg).toContain(`>${metric}</text>`);
    }
  });

  it('is self-contained: no script, no external reference', () => {
    const sut = buildHealthReportHtml(report());
    expect(sut).not.toMatch(/<script|<link|<img|src=|url\((?!#)/i);
    // The only addresses are SVG namespace names, which are never fetched.
    expect(sut.replace(/xmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/https?:/);
  });

  it('escapes names taken from the data', () => {
    const sut = buildHealthReportHtml(
      report({
        asset: { id: '<script>alert(1)</script>', type: 'fan"&', tenantId: 'acme', state: null },
      }),
    );
    expect(sut).not.toContain('<script>');
    expect(sut).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(sut).toContain('fan&quot;&amp;');
  });

  it('shows costs only when the data carries them', () => {
    const without = buildHealthReportHtml(report());
    expect(without).not.toMatch(/cost/i);
    const lastOrder = report().lastOrder;
    const withCosts = buildHealthReportHtml(
      report({
        lastOrder: lastOrder && {
          ...lastOrder,
          cost: '1234.50',
          parts: [{ partNumber: 'PN-778', quantity: 2, unitCost: '400.00' }],
        },
      }),
    );
    expect(withCosts).toContain('1234.50');
    expect(withCosts).toContain('400.00');
  });
});
