import { CMAPSS_MEASUREMENT_NAMES, type CmapssUnit } from '@hourglass/datasets-cmapss';
import { createSeededRandom, deriveSeed, type RandomSource } from './seeded-random';

/** A part and how many of it, as a failure report and a suggestion name them. */
export interface KitPart {
  partNumber: string;
  quantity: number;
}

/** The fault paths of a turbofan's `hpc-module` (migration 21's hierarchy and bill of materials). */
export type FaultPathName = 'FOULING' | 'EROSION' | 'DAMAGE';

/** One problem -> cause -> remedy path and the parts its remedy takes. */
export interface FaultPath {
  problem: string;
  cause: string;
  remedy: string;
  parts: readonly KitPart[];
}

/**
 * How a unit's life wore it, read from its whole trajectory: `HOT_SECTION_LED` when T50 (`s4`)
 * rose at least {@link HOT_SECTION_RATIO} times as much (relative to its level) as T30 (`s3`),
 * else `COMPRESSOR_LED`. The platform sees the same sensors in the unit's telemetry.
 */
export type TrajectorySignature = 'HOT_SECTION_LED' | 'COMPRESSOR_LED';

/** What the technician finds on site: the unit life's true fault and what made it likely. */
export interface TrueFault extends FaultPath {
  path: FaultPathName;
  signature: TrajectorySignature;
}

/** Where the parts a technician brought came from. */
export type PartsSource = 'SUGGESTION' | 'DEFAULT_KIT';

export const HPC_FAULT_PATHS: Readonly<Record<FaultPathName, FaultPath>> = {
  FOULING: {
    problem: 'HPC-EFFICIENCY-LOSS',
    cause: 'HPC-FOULING',
    remedy: 'HPC-WASH',
    parts: [{ partNumber: 'BORESCOPE-PLUG-3', quantity: 2 }],
  },
  EROSION: {
    problem: 'HPC-EFFICIENCY-LOSS',
    cause: 'HPC-BLADE-EROSION',
    remedy: 'HPC-MODULE-REPLACED',
    parts: [
      { partNumber: 'HPC-MOD-7731', quantity: 1 },
      { partNumber: 'HPC-SEAL-KIT-12', quantity: 1 },
    ],
  },
  DAMAGE: {
    problem: 'HPC-STALL',
    cause: 'HPC-BLADE-DAMAGE',
    remedy: 'HPC-BLADE-BLEND',
    parts: [
      { partNumber: 'BORESCOPE-PLUG-3', quantity: 2 },
      { partNumber: 'HPC-SEAL-KIT-12', quantity: 1 },
    ],
  },
};

/** The T50 / T30 relative-rise ratio from which a life counts as hot-section-led (FD001's median is about 1.9). */
export const HOT_SECTION_RATIO = 1.8;

/** Each signature's chance of each path: hot-section wear mostly erodes blades, compressor wear mostly fouls. */
export const FAULT_WEIGHTS: Readonly<
  Record<TrajectorySignature, Readonly<Record<FaultPathName, number>>>
> = {
  HOT_SECTION_LED: { EROSION: 0.7, FOULING: 0.15, DAMAGE: 0.15 },
  COMPRESSOR_LED: { FOULING: 0.6, DAMAGE: 0.25, EROSION: 0.15 },
};

/** What a technician carries without a suggestion: seals and borescope plugs, no spare module. */
export const DEFAULT_KIT: readonly KitPart[] = [
  { partNumber: 'HPC-SEAL-KIT-12', quantity: 1 },
  { partNumber: 'BORESCOPE-PLUG-3', quantity: 2 },
];

/** Rows averaged at each end of a trajectory to measure a sensor's rise. */
const END_ROWS = 20;

/** The sensor's change from the first to the last {@link END_ROWS} rows, relative to its start. */
function relativeRise(unit: CmapssUnit, sensor: string): number {
  const i = CMAPSS_MEASUREMENT_NAMES.indexOf(sensor);
  const n = Math.max(1, Math.min(END_ROWS, Math.floor(unit.rows.length / 2)));
  const mean = (rows: CmapssUnit['rows']) =>
    rows.reduce((s, r) => s + r.values[i], 0) / rows.length;
  const start = mean(unit.rows.slice(0, n));
  return start === 0 ? 0 : (mean(unit.rows.slice(-n)) - start) / Math.abs(start);
}

/** Which sensors led the unit's wear (see {@link TrajectorySignature}). */
export function trajectorySignature(unit: CmapssUnit): TrajectorySignature {
  const t30 = relativeRise(unit, 's3');
  const t50 = relativeRise(unit, 's4');
  return t30 > 0 && t50 / t30 >= HOT_SECTION_RATIO ? 'HOT_SECTION_LED' : 'COMPRESSOR_LED';
}

/** Draws a unit life's true fault from its signature's weights with one number of `random`. */
export function drawFault(unit: CmapssUnit, random: RandomSource): TrueFault {
  const signature = trajectorySignature(unit);
  const weights = Object.entries(FAULT_WEIGHTS[signature]) as Array<[FaultPathName, number]>;
  let u = random() * weights.reduce((s, [, w]) => s + w, 0);
  const [path] = weights.find(([, w]) => (u -= w) < 0) ?? weights[weights.length - 1];
  return { path, signature, ...HPC_FAULT_PATHS[path] };
}

/** Whether the parts brought include every part the fault needs, in its quantity. */
export function covers(brought: readonly KitPart[], needed: readonly KitPart[]): boolean {
  const have = new Map<string, number>();
  for (const p of brought) have.set(p.partNumber, (have.get(p.partNumber) ?? 0) + p.quantity);
  return needed.every((p) => (have.get(p.partNumber) ?? 0) >= p.quantity);
}

/** The suggestion's parts a technician brings: those at least `minConfidence` of the weighed cases used. */
export function suggestedKit(
  parts: ReadonlyArray<KitPart & { confidence: number }>,
  minConfidence = 0.5,
): KitPart[] {
  return parts
    .filter((p) => p.confidence >= minConfidence)
    .map(({ partNumber, quantity }) => ({ partNumber, quantity }));
}

/** Which kit the `n`-th order worked (0-based) gets: suggestions on even orders, the default kit on odd ones. */
export function partsSourceOf(n: number): PartsSource {
  return n % 2 === 0 ? 'SUGGESTION' : 'DEFAULT_KIT';
}

/**
 * The true fault of each device's current unit life, in the simulator's memory only: drawn once per
 * life from a generator of (seed, device, life), so a run is reproducible whatever order devices'
 * events come in. Only the simulated technician reads it, once on site.
 */
export class UnitLifeFaults {
  private readonly lives = new Map<number, { life: number; fault?: TrueFault }>();

  constructor(private readonly seed: number) {}

  /** Device `deviceIndex` got a new unit: its next fault is a new draw. */
  replaced(deviceIndex: number): void {
    this.lives.set(deviceIndex, { life: (this.lives.get(deviceIndex)?.life ?? 0) + 1 });
  }

  /** The fault of the life device `deviceIndex` is on, with `unit` installed. */
  of(deviceIndex: number, unit: CmapssUnit): TrueFault {
    const current = this.lives.get(deviceIndex) ?? { life: 0 };
    current.fault ??= drawFault(
      unit,
      createSeededRandom(deriveSeed(deriveSeed(this.seed, 10_000 + deviceIndex), current.life)),
    );
    this.lives.set(deviceIndex, current);
    return current.fault;
  }
}
