import { CmapssUnit } from '@hourglass/datasets-cmapss';
import { RandomSource, createSeededRandom, deriveSeed, randomIndex } from './seeded-random';

/** Where a random start offset may fall, as fractions of the first unit's life. */
const START_FRACTION_MIN = 0.35;
const START_FRACTION_MAX = 0.9;
/** A device that starts part-way still runs at least this many cycles before it fails. */
const MIN_CYCLES_BEFORE_FAILURE = 30;

/**
 * The spare units of a demo fleet. Every choice (initial units, start offsets, replacements)
 * comes from generators derived from one seed, and each device has its own generator, so a run is
 * reproducible whatever order events happen in across devices.
 */
export class UnitPool {
  private readonly deviceRandoms = new Map<number, RandomSource>();

  constructor(
    private readonly units: readonly CmapssUnit[],
    private readonly seed: number,
  ) {
    if (units.length === 0) throw new RangeError('the unit pool is empty');
  }

  /** The first unit of each of `count` devices: a seeded shuffle, repeated if the pool is smaller. */
  initialUnits(count: number): CmapssUnit[] {
    const random = createSeededRandom(deriveSeed(this.seed, -1));
    const order = [...this.units];
    for (let i = order.length - 1; i > 0; i--) {
      const j = randomIndex(random, i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return Array.from({ length: count }, (_, i) => order[i % order.length]);
  }

  /**
   * Row index to start device `deviceIndex` at: between 35% and 90% into the unit's life, leaving
   * at least 30 cycles before the failure when the unit is long enough.
   */
  startRow(deviceIndex: number, unit: CmapssUnit): number {
    const random = this.randomOf(deviceIndex);
    const fraction = START_FRACTION_MIN + random() * (START_FRACTION_MAX - START_FRACTION_MIN);
    const length = unit.rows.length;
    const latest = Math.max(0, length - MIN_CYCLES_BEFORE_FAILURE);
    return Math.min(Math.floor(length * fraction), latest);
  }

  /** The unit that replaces `removed` in device `deviceIndex`: another unit when there is one. */
  nextUnit(deviceIndex: number, removed: CmapssUnit): CmapssUnit {
    const random = this.randomOf(deviceIndex);
    if (this.units.length === 1) return this.units[0];
    const others = this.units.filter((unit) => unit !== removed);
    return others[randomIndex(random, others.length)];
  }

  private randomOf(deviceIndex: number): RandomSource {
    let random = this.deviceRandoms.get(deviceIndex);
    if (!random) {
      random = createSeededRandom(deriveSeed(this.seed, deviceIndex));
      this.deviceRandoms.set(deviceIndex, random);
    }
    return random;
  }
}
