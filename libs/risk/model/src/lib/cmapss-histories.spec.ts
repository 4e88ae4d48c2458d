import { formatCmapss, parseCmapss } from './cmapss-histories';
import { RiskModelError } from './risk-model-errors';

const SAMPLE = [
  '1 1 -0.0007 -0.0004 100.0 518.67 641.82 1589.70 1400.60 14.62 21.61 554.36 2388.06 9046.19 1.30 47.47 521.66 2388.02 8138.62 8.4195 0.03 392 2388 100.00 39.06 23.4190  ',
  '1 2 0.0019 -0.0003 100.0 518.67 642.15 1591.82 1403.14 14.62 21.61 553.75 2388.04 9044.07 1.30 47.49 522.28 2388.07 8131.49 8.4318 0.03 392 2388 100.00 39.00 23.4236  ',
  '2 1 -0.0043 0.0003 100.0 518.67 642.35 1587.99 1404.20 14.62 21.61 554.26 2388.08 9052.94 1.30 47.27 522.42 2388.03 8133.23 8.4178 0.03 390 2388 100.00 38.95 23.3442',
  '',
].join('\r\n');

describe('parseCmapss', () => {
  it('groups rows by unit in file order with named metrics', () => {
    const sut = parseCmapss(SAMPLE);
    expect([...sut.keys()]).toEqual([1, 2]);
    const rows = sut.get(1) ?? [];
    expect(rows.map((r) => r.cycle)).toEqual([1, 2]);
    expect(rows[0].metrics).toMatchObject({
      setting1: -0.0007,
      setting3: 100,
      s1: 518.67,
      s2: 641.82,
      s21: 23.419,
    });
    expect(Object.keys(rows[0].metrics)).toHaveLength(24);
  });

  it('names the line of a malformed row', () => {
    const broken = SAMPLE.replace('1 2 0.0019', '1 2 x');
    expect(() => parseCmapss(broken)).toThrow(/line 2/);
    expect(() => parseCmapss('1 2 3')).toThrow(RiskModelError);
  });

  it('round-trips through formatCmapss', () => {
    const units = parseCmapss(SAMPLE);
    expect(parseCmapss(formatCmapss(units))).toEqual(units);
  });
});
