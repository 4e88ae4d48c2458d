// The reference: the pure billing engine over a month of one-minute state data, 200 histories shared
// by the fleet, no SQL (what this bench measured alone before the SQL phases were added).
import {
  KIND_HEARTBEAT,
  KIND_STATE,
  STATE_CODE,
  emptyColumns,
  rateContractPeriod,
  type AssetInput,
  type BillingPeriod,
  type ContractVersion,
  type EventColumns,
} from '@hourglass/billing-uptime';
import { progress } from '../support/bench-contract';
import { seededRandom } from './seeded-random';

/** Settings of the pure-engine phase. */
export interface PureEngineSettings {
  assets: number;
  everySeconds: number;
}

/** What the pure-engine phase measured. */
export interface PureEngineFigures {
  rateSeconds: number;
  events: number;
  eventsPerSec: number;
  intervals: number;
  bareScanSeconds: number;
  historiesSeconds: number;
  rssPeakMb: number;
  heapUsedAfterMb: number;
  heapGrowthMb: number;
  result: Record<string, unknown>;
}

/**
 * Distinct asset histories generated before the clock starts; asset i replays history i mod N, so the
 * timed passes read columns from memory (as they would from SQL) instead of timing the generator.
 */
const DISTINCT_HISTORIES = 200;

/**
 * Fills `cols` with one asset's month: a state message every `everySeconds`, mostly RUN, with a few
 * faults and standby spells, and now and then an hour offline (no messages: UNKNOWN after the timeout).
 */
function fillAsset(
  cols: EventColumns,
  index: number,
  startUs: number,
  endUs: number,
  everySeconds: number,
): void {
  const random = seededRandom(index + 1);
  const stepUs = everySeconds * 1e6;
  cols.length = 0;
  let state = STATE_CODE.RUN;
  let holdUntil = startUs;
  for (let t = startUs; t < endUs; t += stepUs) {
    if (t >= holdUntil) {
      const r = random();
      state =
        r < 0.002
          ? STATE_CODE.FAULT
          : r < 0.01
            ? STATE_CODE.STANDBY
            : r < 0.0115
              ? 255
              : STATE_CODE.RUN;
      holdUntil = t + (state === STATE_CODE.RUN ? 3_600e6 : 1_800e6 + random() * 7_200e6);
    }
    if (state === 255) continue; // offline: nothing arrives
    const i = cols.length++;
    cols.atUs[i] = t;
    cols.kind[i] = i % 2 === 0 ? KIND_STATE : KIND_HEARTBEAT;
    cols.state[i] = state;
    cols.meter[i] = Number.NaN;
  }
}

function histories(settings: PureEngineSettings, period: BillingPeriod): EventColumns[] {
  const capacity = Math.ceil((period.endUs - period.startUs) / (settings.everySeconds * 1e6));
  return Array.from({ length: Math.min(DISTINCT_HISTORIES, settings.assets) }, (_, i) => {
    const cols = emptyColumns(capacity);
    fillAsset(cols, i, period.startUs, period.endUs, settings.everySeconds);
    return cols;
  });
}

function* fleet(
  assets: number,
  startUs: number,
  pool: readonly EventColumns[],
): Generator<AssetInput> {
  for (let a = 0; a < assets; a++) {
    yield {
      assetId: `asset-${String(a).padStart(6, '0')}`,
      service: null,
      events: pool[a % pool.length],
      carryIn: { state: 'RUN', lastMessageUs: startUs - 60e6, meter: null },
    };
  }
}

function bareScan(assets: number, period: BillingPeriod, pool: readonly EventColumns[]): number {
  const t0 = performance.now();
  const perState = new Float64Array(256);
  for (const a of fleet(assets, period.startUs, pool)) {
    const { atUs, state, length } = a.events;
    for (let i = 0; i < length; i++)
      perState[state[i]] += (i + 1 < length ? atUs[i + 1] : period.endUs) - atUs[i];
  }
  return (performance.now() - t0) / 1000;
}

/**
 * Rates the fleet as one contract with `rateContractPeriod` (intervals, categories, figures, charges
 * and the run key), after a bare pass that only adds up time per state over the same columns.
 */
export function runPureEngine(
  settings: PureEngineSettings,
  period: BillingPeriod,
  versions: ContractVersion[],
): PureEngineFigures {
  progress(
    `pure engine: generating ${Math.min(DISTINCT_HISTORIES, settings.assets)} distinct histories (asset i replays history i mod ${DISTINCT_HISTORIES})`,
  );
  let t0 = performance.now();
  const pool = histories(settings, period);
  const historiesSeconds = (performance.now() - t0) / 1000;
  let events = 0;
  for (const a of fleet(settings.assets, period.startUs, pool)) events += a.events.length;
  progress(
    `  ${events.toLocaleString('en')} events for the fleet; histories built in ${historiesSeconds.toFixed(1)} s`,
  );

  const bareScanSeconds = bareScan(settings.assets, period, pool);
  progress(`  bare pass (time per state, nothing else): ${bareScanSeconds.toFixed(1)} s`);

  const heapBefore = process.memoryUsage().heapUsed;
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 200);
  t0 = performance.now();
  const input = {
    contractId: 'bench',
    period,
    versions,
    assets: fleet(settings.assets, period.startUs, pool),
    windows: [],
    overrides: [],
  };
  const result = rateContractPeriod(input);
  const rateSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const memory = process.memoryUsage();
  rssPeak = Math.max(rssPeak, memory.rss);
  progress(
    `  rating: ${rateSeconds.toFixed(1)} s; availability ${result.figures.availabilityPct} %, ${result.billableHours} h, total ${result.charges.total}, ${result.intervals.length.toLocaleString('en')} intervals, key ${result.key.slice(0, 12)}`,
  );
  return {
    rateSeconds,
    events,
    eventsPerSec: events / rateSeconds,
    intervals: result.intervals.length,
    bareScanSeconds,
    historiesSeconds,
    rssPeakMb: rssPeak / 2 ** 20,
    heapUsedAfterMb: memory.heapUsed / 2 ** 20,
    heapGrowthMb: (memory.heapUsed - heapBefore) / 2 ** 20,
    result: {
      availability: result.figures.availability,
      billableHours: result.billableHours,
      total: result.charges.total,
      lines: result.charges.lines,
      review: result.review.length,
      key: result.key,
    },
  };
}
