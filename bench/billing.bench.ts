// npm run bench -- billing [--assets 10000] [--days 30] [--every 60]   (see bench/README.md)
// A month of one-minute state data for a fleet, rated in one run by the billing engine (intervals,
// categories, figures, charges and the run key), against a bare pass over the same event columns
// that only adds up time per state: the floor any rating has to pay for reading its input.
import { cpus, loadavg } from 'node:os';
import {
  KIND_HEARTBEAT,
  KIND_STATE,
  STATE_CODE,
  emptyColumns,
  monthPeriod,
  rateContractPeriod,
  withDefaultTerms,
  type AssetInput,
  type ContractVersion,
  type EventColumns,
} from '@hourglass/billing-uptime';
import { progress, type BenchArgs, type BenchResult } from './support/bench-contract';
import { round } from './support/stats';

interface Settings {
  assets: number;
  days: number;
  everySeconds: number;
}

/** xorshift32: the same fleet on every run. */
function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

/**
 * Fills `cols` with one asset's month: a state message every `everySeconds`, mostly RUN, with a few
 * faults and standby spells, and now and then an hour offline (no messages: UNKNOWN after the timeout).
 */
function fillAsset(cols: EventColumns, index: number, startUs: number, endUs: number, everySeconds: number): void {
  const random = rng(index + 1);
  const stepUs = everySeconds * 1e6;
  cols.length = 0;
  let state = STATE_CODE.RUN;
  let holdUntil = startUs;
  for (let t = startUs; t < endUs; t += stepUs) {
    if (t >= holdUntil) {
      const r = random();
      state = r < 0.002 ? STATE_CODE.FAULT : r < 0.01 ? STATE_CODE.STANDBY : r < 0.0115 ? 255 : STATE_CODE.RUN;
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

/**
 * Distinct asset histories generated before the clock starts; asset i replays history i mod N, so the
 * timed passes read columns from memory (as they would from SQL) instead of timing the generator.
 */
const DISTINCT_HISTORIES = 200;

function histories(settings: Settings, startUs: number, endUs: number): EventColumns[] {
  const capacity = Math.ceil((endUs - startUs) / (settings.everySeconds * 1e6));
  return Array.from({ length: Math.min(DISTINCT_HISTORIES, settings.assets) }, (_, i) => {
    const cols = emptyColumns(capacity);
    fillAsset(cols, i, startUs, endUs, settings.everySeconds);
    return cols;
  });
}

function* fleet(settings: Settings, startUs: number, pool: readonly EventColumns[]): Generator<AssetInput> {
  for (let a = 0; a < settings.assets; a++) {
    yield {
      assetId: `asset-${String(a).padStart(6, '0')}`,
      service: null,
      events: pool[a % pool.length],
      carryIn: { state: 'RUN', lastMessageUs: startUs - 60e6, meter: null },
    };
  }
}

export async function run(args: BenchArgs): Promise<BenchResult> {
  const settings: Settings = { assets: args.number('assets', 10_000), days: args.number('days', 30), everySeconds: args.number('every', 60) };
  if (loadavg()[0] > cpus().length * 0.5) progress(`warning: the machine is busy (load average ${loadavg()[0].toFixed(2)}): figures will be low`);
  progress(`settings ${JSON.stringify(settings)}`);
  const period = monthPeriod('UTC', '2026-06');
  const endUs = Math.min(period.endUs, period.startUs + settings.days * 86_400e6);
  const terms = withDefaultTerms({
    tz: 'UTC',
    currency: 'EUR',
    ratePerHour: '120.00',
    slaTarget: '0.97',
    creditBands: [{ lo: '0.95', hi: '0.97', pct: '0.05' }, { lo: '0', hi: '0.95', pct: '0.15' }],
  });
  const versions: ContractVersion[] = [{ contractId: 'bench', version: 1, effectiveFromUs: 0, effectiveToUs: null, terms }];
  const ratedPeriod = { ...period, endUs };

  progress(`generating ${Math.min(DISTINCT_HISTORIES, settings.assets)} distinct asset histories (asset i replays history i mod ${DISTINCT_HISTORIES})`);
  let t0 = performance.now();
  const pool = histories(settings, period.startUs, endUs);
  const generateSeconds = (performance.now() - t0) / 1000;
  let generated = 0;
  for (const a of fleet(settings, period.startUs, pool)) generated += a.events.length;
  progress(`  ${generated.toLocaleString('en')} events for the fleet; histories built in ${generateSeconds.toFixed(1)} s`);

  progress('bare pass: time per state, nothing else');
  t0 = performance.now();
  const perState = new Float64Array(256);
  for (const a of fleet(settings, period.startUs, pool)) {
    const { atUs, state, length } = a.events;
    for (let i = 0; i < length; i++) perState[state[i]] += (i + 1 < length ? atUs[i + 1] : endUs) - atUs[i];
  }
  const bareSeconds = (performance.now() - t0) / 1000;
  progress(`  ${bareSeconds.toFixed(1)} s`);

  progress('rating: intervals, categories, figures, charges and the run key in one run');
  const heapBefore = process.memoryUsage().heapUsed;
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 200);
  t0 = performance.now();
  const input = { contractId: 'bench', period: ratedPeriod, versions, assets: fleet(settings, period.startUs, pool), windows: [], overrides: [] };
  const result = rateContractPeriod(input);
  const rateSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const memory = process.memoryUsage();
  rssPeak = Math.max(rssPeak, memory.rss);
  progress(`  ${rateSeconds.toFixed(1)} s; availability ${result.figures.availabilityPct} %, ${result.billableHours} h, total ${result.charges.total} ${terms.currency}, ${result.intervals.length.toLocaleString('en')} intervals, key ${result.key.slice(0, 12)}`);

  const eventsPerSec = generated / rateSeconds;
  return {
    bench: 'billing',
    figures: {
      rateSeconds: round(rateSeconds, 2),
      assets: settings.assets,
      events: generated,
      eventsPerSec: round(eventsPerSec, 0),
      intervals: result.intervals.length,
      bareScanSeconds: round(bareSeconds, 2),
      historiesSeconds: round(generateSeconds, 2),
      rssPeakMb: round(rssPeak / 2 ** 20, 1),
      heapUsedAfterMb: round(memory.heapUsed / 2 ** 20, 1),
      heapGrowthMb: round((memory.heapUsed - heapBefore) / 2 ** 20, 1),
      loadAverage1m: round(loadavg()[0], 2),
    },
    ratios: { vsBareScan: round(bareSeconds / rateSeconds, 3) },
    goals: { 'rateSeconds<60': rateSeconds < 60 },
    details: {
      settings,
      result: { availability: result.figures.availability, billableHours: result.billableHours, total: result.charges.total, lines: result.charges.lines, review: result.review.length, key: result.key },
    },
  };
}
