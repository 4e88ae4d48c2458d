import { HistoryRow, METRIC_NAMES } from './history-row';

/** Options of {@link syntheticTrajectory}. */
export interface SyntheticTrajectoryOptions {
  /** Rows in the trajectory; the unit fails after the last one. */
  length: number;
  /** Varies the initial wear and the noise. */
  seed: number;
  /** Noise amplitude relative to the degradation amplitude. Default 0.3. */
  noise?: number;
}

/** FD001-like level and full-degradation shift of each informative sensor. */
const SENSORS: Record<string, [number, number]> = {
  s2: [642.5, 1.2],
  s3: [1590, 14],
  s4: [1408, 24],
  s7: [553.4, -2.4],
  s8: [2388.1, 0.2],
  s9: [9065, 20],
  s11: [47.5, 0.8],
  s12: [521.4, -1.9],
  s13: [2388.1, 0.2],
  s14: [8143, 8],
  s15: [8.44, 0.09],
  s17: [393, 4],
  s20: [38.8, -0.5],
  s21: [23.29, -0.3],
};
const CONSTANTS: Record<string, number> = {
  setting1: 0,
  setting2: 0,
  setting3: 100,
  s1: 518.67,
  s5: 14.62,
  s6: 21.61,
  s10: 1.3,
  s16: 0.03,
  s18: 2388,
  s19: 100,
};

/**
 * A deterministic, C-MAPSS-shaped run-to-failure history for tests and demonstrations: the
 * informative sensors drift exponentially towards failure from a seed-dependent initial wear,
 * plus seeded noise; the other metrics stay constant. Not a physical model.
 */
export function syntheticTrajectory(options: SyntheticTrajectoryOptions): HistoryRow[] {
  const { length, seed } = options;
  const noise = options.noise ?? 0.3;
  const next = noiseSource(seed);
  const initialWear = 0.05 + 0.1 * next();
  return Array.from({ length }, (_, i) => {
    const wear = initialWear + Math.exp(4 * ((i + 1) / length - 1));
    const metrics: Record<string, number> = {};
    for (const name of METRIC_NAMES) {
      const sensor = SENSORS[name];
      metrics[name] = sensor
        ? sensor[0] + sensor[1] * (wear + noise * (next() - 0.5))
        : CONSTANTS[name];
    }
    return { cycle: i + 1, metrics };
  });
}

function noiseSource(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}
