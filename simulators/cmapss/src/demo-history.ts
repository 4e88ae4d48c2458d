import type { CmapssUnit } from '@hourglass/datasets-cmapss';
import { DEMO_FLEET_DEFAULTS, DEMO_FLEET_UNITS } from './demo-fleet';
import { drawFault, type TrueFault } from './fault-draw';
import { createSeededRandom, deriveSeed, randomIndex } from './seeded-random';
import { rowMetrics } from './telemetry-message';

/**
 * Cycles of telemetry before an order that make its case pattern in the demo. Inside one unit life:
 * FD001's shortest life is 128 cycles and the demo's orders come some 30-40 cycles before failure
 * (the model's 30-cycle horizon), so 60 cycles before an order never reach back into the engine's
 * previous unit.
 */
export const DEMO_CASE_LOOKBACK_CYCLES = 60;

/**
 * The case library's window (`lookbackHours`) on the demo fleet's clock: {@link
 * DEMO_CASE_LOOKBACK_CYCLES} cycles at `speed` cycles per second, in hours.
 */
export function demoCaseLookbackHours(speed: number = DEMO_FLEET_DEFAULTS.speed): number {
  return DEMO_CASE_LOOKBACK_CYCLES / speed / 3_600;
}

/** One telemetry sample of a past unit life, as the platform would have stored it. */
export interface PastSample {
  ts: number;
  metrics: Record<string, number>;
}

/** An order the demo fleet's technician completed before the demo started, and the life it ended. */
export interface PastServiceOrder {
  /** `demo-history-<device>-<life>`: stable, so seeding twice finds the same ids. */
  orderId: string;
  deviceId: string;
  /** The C-MAPSS unit the life ran. */
  unit: number;
  raisedAt: number;
  completedAt: number;
  /** What the technician found: the same draw (signature and weights) as the live demo's. */
  fault: TrueFault;
  /** The life's samples up to the order, one per cycle at the demo's speed. */
  samples: PastSample[];
}

/** Options of {@link demoServiceHistory}. */
export interface DemoServiceHistoryOptions {
  deviceIds: readonly string[];
  /** The C-MAPSS units; the demo fleet's own ({@link DEMO_FLEET_UNITS}) are left out. */
  units: readonly CmapssUnit[];
  /** The last past order completes at or before this time (epoch ms). */
  endMs: number;
  /** Past lives per device (default 3). */
  livesPerDevice?: number;
  /** Cycles per second, as the live fleet runs (default 2). */
  speed?: number;
  /** Cycles before the life's end at which its order was raised (default 35). */
  orderRul?: number;
  /** Seconds from an order's raise to its completion (default 6, the technician's delay). */
  workSeconds?: number;
  seed?: number;
}

/** Salt of the history's generators, apart from the live fleet's (seed, device, life) draws. */
const HISTORY_SALT = 20_000;

/**
 * The demo fleet's past: per device, `livesPerDevice` unit lives of held-in FD001 units run back to
 * back on the demo's clock and ending by `endMs`, each ended by a preventive order `orderRul` cycles
 * before failure whose true fault is drawn as the live technician's is ({@link drawFault}).
 * Deterministic for the same options.
 */
export function demoServiceHistory(options: DemoServiceHistoryOptions): PastServiceOrder[] {
  const pool = options.units.filter((u) => !DEMO_FLEET_UNITS.includes(u.unit));
  if (pool.length === 0) throw new RangeError('no C-MAPSS unit outside the demo fleet');
  const cycleMs = 1_000 / (options.speed ?? DEMO_FLEET_DEFAULTS.speed);
  const orderRul = options.orderRul ?? 35;
  const workMs = (options.workSeconds ?? 6) * 1_000;
  const lives = options.livesPerDevice ?? 3;
  const seed = options.seed ?? 1;
  return options.deviceIds.flatMap((deviceId, d) => {
    const random = createSeededRandom(deriveSeed(seed, HISTORY_SALT + d));
    const units = Array.from({ length: lives }, () => pool[randomIndex(random, pool.length)]);
    let end = options.endMs;
    const orders: PastServiceOrder[] = [];
    for (let life = lives - 1; life >= 0; life--) {
      const unit = units[life];
      const raisedAt = end - workMs;
      const raisedRow = Math.max(1, unit.rows.length - orderRul);
      const startMs = raisedAt - raisedRow * cycleMs;
      orders.unshift({
        orderId: `demo-history-${deviceId}-${life + 1}`,
        deviceId,
        unit: unit.unit,
        raisedAt,
        completedAt: end,
        fault: drawFault(unit, random),
        samples: unit.rows
          .slice(0, raisedRow)
          .map((row, i) => ({ ts: startMs + i * cycleMs, metrics: rowMetrics(row) })),
      });
      // The next older life ended before this one started, with the replacement's outage between.
      end = startMs - workMs;
    }
    return orders;
  });
}
