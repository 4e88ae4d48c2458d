import { CMAPSS_MEASUREMENT_NAMES, type CmapssUnit } from '@hourglass/datasets-cmapss';
import {
  DEFAULT_KIT,
  HPC_FAULT_PATHS,
  UnitLifeFaults,
  covers,
  drawFault,
  partsSourceOf,
  suggestedKit,
  trajectorySignature,
  type FaultPathName,
} from './fault-draw';
import { createSeededRandom } from './seeded-random';

/** A 100-cycle unit whose T30 (`s3`) and T50 (`s4`) rise linearly by these fractions of their level. */
function unitRising(unit: number, t30Rise: number, t50Rise: number): CmapssUnit {
  const s3 = CMAPSS_MEASUREMENT_NAMES.indexOf('s3');
  const s4 = CMAPSS_MEASUREMENT_NAMES.indexOf('s4');
  const rows = Array.from({ length: 100 }, (_, i) => {
    const values = CMAPSS_MEASUREMENT_NAMES.map(() => 1);
    values[s3] = 1590 * (1 + (t30Rise * i) / 99);
    values[s4] = 1400 * (1 + (t50Rise * i) / 99);
    return { line: i + 1, cycle: i + 1, values };
  });
  return { unit, rows };
}

const HOT = unitRising(1, 0.01, 0.02);
const COMPRESSOR = unitRising(2, 0.01, 0.012);

/** How often each path comes out of `n` draws on `unit` from one seeded generator. */
function frequencies(unit: CmapssUnit, n: number): Record<FaultPathName, number> {
  const random = createSeededRandom(7);
  const counts: Record<FaultPathName, number> = { FOULING: 0, EROSION: 0, DAMAGE: 0 };
  for (let i = 0; i < n; i++) counts[drawFault(unit, random).path] += 1;
  return counts;
}

describe('fault draw', () => {
  it('reads which sensors led the wear from the trajectory', () => {
    expect(trajectorySignature(HOT)).toBe('HOT_SECTION_LED');
    expect(trajectorySignature(COMPRESSOR)).toBe('COMPRESSOR_LED');
  });

  it('draws varied faults whose odds follow the signature: erosion after hot-section wear, fouling after compressor wear', () => {
    const hot = frequencies(HOT, 400);
    const compressor = frequencies(COMPRESSOR, 400);
    expect(Object.values(hot).every((n) => n > 0)).toBe(true);
    expect(Object.values(compressor).every((n) => n > 0)).toBe(true);
    expect(hot.EROSION).toBeGreaterThan(hot.FOULING + hot.DAMAGE);
    expect(compressor.FOULING).toBeGreaterThan(compressor.EROSION + compressor.DAMAGE);
  });

  it('gives the same faults for the same seed, life after life, whatever order devices ask in', () => {
    const lives = (seed: number, order: number[]) => {
      const sut = new UnitLifeFaults(seed);
      const seen: string[][] = [[], [], []];
      for (let life = 0; life < 8; life++) {
        for (const device of order) {
          seen[device].push(sut.of(device, device === 1 ? COMPRESSOR : HOT).remedy);
          sut.replaced(device);
        }
      }
      return seen;
    };
    const first = lives(3, [0, 1, 2]);
    expect(lives(3, [2, 0, 1])).toEqual(first);
    expect(lives(4, [0, 1, 2])).not.toEqual(first);
    expect(new Set(first.flat()).size).toBeGreaterThan(1);
  });

  it('keeps one fault per unit life until the unit is replaced', () => {
    const sut = new UnitLifeFaults(1);
    const fault = sut.of(0, HOT);
    expect(sut.of(0, HOT)).toBe(fault);
  });
});

describe('kit choice', () => {
  it('alternates suggested parts and the default kit, so both arms run over the same faults', () => {
    const sources = Array.from({ length: 6 }, (_, n) => partsSourceOf(n));
    expect(sources.filter((s) => s === 'SUGGESTION')).toHaveLength(3);
    expect(sources.filter((s) => s === 'DEFAULT_KIT')).toHaveLength(3);
  });

  it('brings the parts a weighted majority of similar cases used', () => {
    const kit = suggestedKit([
      { partNumber: 'HPC-MOD-7731', quantity: 1, confidence: 0.7 },
      { partNumber: 'HPC-SEAL-KIT-12', quantity: 1, confidence: 0.5 },
      { partNumber: 'BORESCOPE-PLUG-3', quantity: 2, confidence: 0.3 },
    ]);
    expect(kit).toEqual(HPC_FAULT_PATHS.EROSION.parts);
  });

  it('fixes on the first visit only when the parts brought cover the fault', () => {
    expect(covers(DEFAULT_KIT, HPC_FAULT_PATHS.FOULING.parts)).toBe(true);
    expect(covers(DEFAULT_KIT, HPC_FAULT_PATHS.DAMAGE.parts)).toBe(true);
    expect(covers(DEFAULT_KIT, HPC_FAULT_PATHS.EROSION.parts)).toBe(false);
    expect(covers([{ partNumber: 'BORESCOPE-PLUG-3', quantity: 1 }], [...DEFAULT_KIT])).toBe(false);
  });
});
