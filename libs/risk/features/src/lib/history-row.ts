/**
 * One cycle of telemetry from one installed unit.
 *
 * `cycle` is the unit's age: cycles since installation, 1-based. `metrics` holds the operating
 * settings `setting1`..`setting3` and the sensors `s1`..`s21`; names not used by a
 * {@link FeatureSpec} are ignored.
 */
export interface HistoryRow {
  cycle: number;
  metrics: Record<string, number>;
}

/** Every metric a C-MAPSS-like unit reports, in file column order. */
export const METRIC_NAMES: readonly string[] = [
  'setting1',
  'setting2',
  'setting3',
  ...Array.from({ length: 21 }, (_, i) => `s${i + 1}`),
];

/**
 * The sensors that carry degradation signal in FD001; the others are constant or noise there
 * (s1, s5, s6, s10, s16, s18, s19).
 */
export const INFORMATIVE_SENSORS: readonly string[] = [
  's2',
  's3',
  's4',
  's7',
  's8',
  's9',
  's11',
  's12',
  's13',
  's14',
  's15',
  's17',
  's20',
  's21',
];
