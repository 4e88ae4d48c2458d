import type { FailureCodeRepository, Task, TaskRepository } from '@hourglass/maintenance-tasks';
import {
  CaseLibraryService,
  DEFAULT_CASE_LIBRARY_OPTIONS,
  metricMoves,
  type AssetTelemetryPort,
  type CaseRepository,
  type TelemetryPoint,
} from '@hourglass/service-cases';
import { DEMO_CASE_LOOKBACK_CYCLES } from '@hourglass/simulator-cmapss';
import { caseLibrarySettings } from './case-library.settings';

const SPEED = 2;
const CYCLE_MS = 1_000 / SPEED;
const LIFE_A_START = Date.parse('2026-12-08T00:00:00Z');

/** One unit life on the demo's clock: `cycles` samples, `rising` going up 0.5 a cycle from 1400, `flat` at 1580. */
function life(start: number, cycles: number, rising: string, flat: string): TelemetryPoint[] {
  return Array.from({ length: cycles }, (_, i) => ({
    ts: start + i * CYCLE_MS,
    metrics: { cycle: i + 1, [rising]: 1_400 + 0.5 * i, [flat]: 1_580 },
  }));
}

/** Unit A wore T50 (`s4`); after 20 cycles in FAULT, unit B wears T30 (`s3`); B's order at its cycle 150. */
const LIFE_A = life(LIFE_A_START, 200, 's4', 's3');
const LIFE_B_START = LIFE_A_START + 220 * CYCLE_MS;
const LIFE_B = life(LIFE_B_START, 150, 's3', 's4');
const RAISED = LIFE_B_START + 150 * CYCLE_MS;

const telemetry: AssetTelemetryPort = {
  window: async (_, from, to, limit) =>
    [...LIFE_A, ...LIFE_B].filter((p) => p.ts >= from && p.ts < to).slice(-limit),
  assetsOfType: async () => ['demo-engine-01'],
};

const order = {
  id: 'o-1',
  tenantId: 'default',
  assetId: 'demo-engine-01',
  assetType: 'turbofan',
  component: 'hpc-module',
  status: 'OPEN',
  createdAt: new Date(RAISED).toISOString(),
} as Task;

function library(options: ReturnType<typeof caseLibrarySettings>): CaseLibraryService {
  const cases = { ofKind: async () => [], putSuggestion: async () => undefined };
  return new CaseLibraryService(
    {
      cases: cases as unknown as CaseRepository,
      orders: {} as TaskRepository,
      codes: {} as FailureCodeRepository,
      telemetry,
      now: () => new Date(RAISED),
    },
    options,
  );
}

describe(caseLibrarySettings.name, () => {
  it('keeps the library default (72 h) without the variable and the simulator', () => {
    const sut = caseLibrarySettings({ HG_SIM_SPEED: SPEED }, false);
    expect(sut).toEqual({});
    expect(library(sut)).toBeDefined();
    expect(DEFAULT_CASE_LIBRARY_OPTIONS.lookbackHours).toBe(72);
  });

  it('takes HG_CASES_LOOKBACK_HOURS when set, with or without the simulator', () => {
    expect(caseLibrarySettings({ HG_CASES_LOOKBACK_HOURS: 5 }, true)).toEqual({ lookbackHours: 5 });
    expect(caseLibrarySettings({ HG_CASES_LOOKBACK_HOURS: 5 }, false)).toEqual({
      lookbackHours: 5,
    });
  });

  it('makes the demo pattern from the current unit life only, not from the one before', async () => {
    const sut = caseLibrarySettings({ HG_SIM_SPEED: SPEED }, true);

    const { pattern } = await library(sut).suggest(order);

    // The window is the last DEMO_CASE_LOOKBACK_CYCLES cycles of unit B: T30 rose, T50 stayed
    // (the age counter `cycle` is never a move).
    const ownLife = LIFE_B.slice(-DEMO_CASE_LOOKBACK_CYCLES);
    expect(pattern).toEqual(metricMoves(ownLife));
    expect(pattern.map((m) => [m.metric, m.direction, m.samples])).toEqual([
      ['s3', 'UP', DEMO_CASE_LOOKBACK_CYCLES],
    ]);
  });
});
