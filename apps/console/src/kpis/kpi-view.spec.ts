import { kpiPath, kpiValue } from './kpi-view';

describe('kpi view', () => {
  it('asks for the last N days up to the current whole minute', () => {
    const now = Date.parse('2026-03-10T12:34:56.789Z');
    expect(decodeURIComponent(kpiPath(30, now))).toBe(
      '/api/kpis?from=2026-02-08T12:34:00.000Z&to=2026-03-10T12:34:00.000Z',
    );
    expect(kpiPath(30, now + 2_000)).toBe(kpiPath(30, now));
    expect(kpiPath(90, now, ' turbofan ')).toContain('&assetType=turbofan');
  });

  it('shows shares in per cent and keeps null for figures that cannot be computed', () => {
    expect(kpiValue(0.987, 'percent')).toBeCloseTo(98.7);
    expect(kpiValue(12.5, 'hours')).toBe(12.5);
    expect(kpiValue(null, 'percent')).toBeNull();
  });
});
