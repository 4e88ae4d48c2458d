import { join } from 'node:path';
import { CmapssUnit, readCmapssFile } from '@hourglass/datasets-cmapss';
import { UnitPool } from './unit-pool';

describe(UnitPool.name, () => {
  let units: CmapssUnit[];

  beforeAll(async () => {
    units = await readCmapssFile(join(__dirname, '..', 'data', 'train_FD001.txt'));
  });

  function choices(seed: number) {
    const sut = new UnitPool(units, seed);
    const first = sut.initialUnits(10);
    const starts = first.map((unit, i) => sut.startRow(i, unit));
    const next = first.map((unit, i) => [1, 2, 3].map(() => sut.nextUnit(i, unit).unit));
    return { first: first.map((u) => u.unit), starts, next };
  }

  it('makes the same choices for the same seed and different ones for another seed', () => {
    expect(choices(7)).toEqual(choices(7));
    expect(choices(7)).not.toEqual(choices(8));
  });

  it('gives distinct first units while the pool is large enough, and repeats them beyond it', () => {
    const sut = new UnitPool(units.slice(0, 3), 1);

    const first = sut.initialUnits(5).map((u) => u.unit);

    expect(new Set(first.slice(0, 3)).size).toBe(3);
    expect(first.slice(3)).toEqual(first.slice(0, 2));
  });

  it('starts part-way, between 35% and 90% of the life, leaving at least 30 cycles', () => {
    const sut = new UnitPool(units, 3);

    for (let i = 0; i < 200; i++) {
      const unit = units[i % units.length];
      const start = sut.startRow(i, unit);
      expect(start).toBeGreaterThanOrEqual(Math.floor(unit.rows.length * 0.35));
      expect(start).toBeLessThanOrEqual(Math.floor(unit.rows.length * 0.9));
      expect(unit.rows.length - start).toBeGreaterThanOrEqual(30);
    }
  });

  it('replaces a unit with a different one when there is another', () => {
    const sut = new UnitPool(units.slice(0, 2), 5);

    expect(sut.nextUnit(0, units[0])).toBe(units[1]);
    expect(new UnitPool([units[0]], 5).nextUnit(0, units[0])).toBe(units[0]);
  });

  it('rejects an empty pool', () => {
    expect(() => new UnitPool([], 1)).toThrow('the unit pool is empty');
  });
});
