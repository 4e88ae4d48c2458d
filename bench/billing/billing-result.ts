import type { BenchResult } from '../support/bench-contract';
import { round } from '../support/stats';
import type { PureEngineFigures } from './pure-engine.phase';
import type { SqlRunFigures } from './sql-run.phase';

/** The size: the SQL goals are claimed only for a run of at least this many assets. */
export const FULL_SIZE_ASSETS = 10_000;
/**
 * Assets the SQL phases bill by default: the size needs ~85 GB of `state_events` per engine
 * and hours of loading, so the default is a size whose load and run take minutes.
 */
export const SQL_DEFAULT_ASSETS = 500;
const GOAL_SECONDS = 60;

function sqlFigures(f: SqlRunFigures, assets: number): BenchResult['figures'] {
  const p = f.engine;
  const perFullSize = FULL_SIZE_ASSETS / assets;
  return {
    [`${p}Seconds`]: round(f.seconds, 2),
    [`${p}Assets`]: assets,
    [`${p}MsPerAsset`]: round((f.seconds * 1000) / assets, 1),
    // Linear in assets: contracts are rated one after the other, each asset's events read alike.
    [`${p}SecondsAt10kAssetsExtrapolated`]: round(f.seconds * perFullSize, 0),
    [`${p}CpuSecondsAt10kAssetsExtrapolated`]: round(
      (f.cpuSeconds + (f.serverCpuSeconds ?? 0)) * perFullSize,
      0,
    ),
    [`${p}EventsRead`]: f.eventsRead,
    [`${p}EventsReadPerSec`]: round(f.eventsReadPerSec, 0),
    [`${p}ReadSeconds`]: round(f.readSeconds, 2),
    [`${p}PrepareJsSeconds`]: round(f.prepareJsSeconds, 2),
    [`${p}RateSeconds`]: round(f.rateSeconds, 2),
    [`${p}WriteSeconds`]: round(f.writeSeconds, 2),
    [`${p}OtherSeconds`]: round(f.otherSeconds, 2),
    [`${p}CpuSeconds`]: round(f.cpuSeconds, 2),
    [`${p}ServerCpuSeconds`]: round(f.serverCpuSeconds, 2),
    [`${p}ReadServerCpuSeconds`]: f.diagnostics
      ? round(f.diagnostics.readServerCpuSeconds, 2)
      : null,
    [`${p}WriteServerCpuSeconds`]: f.diagnostics
      ? round(f.diagnostics.writeServerCpuSeconds, 2)
      : null,
    [`${p}RssPeakMb`]: round(f.rssPeakMb, 0),
    [`${p}ServerRssPeakMb`]: round(f.serverRssPeakMb, 0),
    [`${p}LoadSeconds`]: round(f.load.seconds + f.load.vacuumSeconds + f.load.seedSeconds, 1),
    [`${p}RowsStored`]: f.load.rows,
    [`${p}StateEventsMb`]: round(f.load.stateEventsMb, 0),
    [`${p}RawAssets`]: f.load.rawAssets,
    [`${p}DirectBlocks`]: f.load.directBlocks,
    [`${p}RunsDigest`]: f.runsDigest,
    ...compactionFigures(f),
  };
}

const yesNo = (b: boolean | null) => (b === null ? null : b ? 'yes' : 'no');

/** The compaction pass and, when every asset's rows were stored, the raw-rows run before it. */
function compactionFigures(f: SqlRunFigures): BenchResult['figures'] {
  const p = f.engine;
  const { compaction: c, rawRun } = f.blocks;
  return {
    [`${p}CompactSeconds`]: round(c.seconds, 2),
    [`${p}CompactAssetDays`]: c.blocks,
    [`${p}CompactMsPerAssetDay`]: round(c.msPerAssetDay, 3),
    // Every day, each asset's previous day is packed once.
    [`${p}CompactSecondsPerDayAt10kAssets`]: round((c.msPerAssetDay * FULL_SIZE_ASSETS) / 1000, 1),
    [`${p}CompactCpuSeconds`]: round(c.cpuSeconds, 2),
    [`${p}CompactServerCpuSeconds`]: round(c.serverCpuSeconds, 2),
    [`${p}StateEventDaysMb`]: round(c.stateEventDaysMb, 0),
    [`${p}RawRunSeconds`]: rawRun ? round(rawRun.seconds, 2) : null,
    [`${p}RawRunReadSeconds`]: rawRun ? round(rawRun.readSeconds, 2) : null,
    [`${p}RawRunCpuSeconds`]: rawRun ? round(rawRun.cpuSeconds, 2) : null,
    [`${p}RawRunServerCpuSeconds`]: rawRun ? round(rawRun.serverCpuSeconds, 2) : null,
    [`${p}RunsIdenticalToRaw`]: yesNo(f.blocks.runsIdenticalToRaw),
    [`${p}DirectBlocksChecked`]: f.blocks.directBlocksChecked,
    [`${p}DirectRunsIdentical`]: yesNo(f.blocks.directRunsIdentical),
  };
}

/** The bench's result: the pure engine's figures under their old names, each SQL engine's beside them. */
export function billingResult(
  settings: Record<string, unknown> & { assets: number; sqlAssets: number },
  pure: PureEngineFigures,
  sql: readonly SqlRunFigures[],
  loadAverage1m: number,
): BenchResult {
  const ratios: BenchResult['ratios'] = {
    vsBareScan: round(pure.bareScanSeconds / pure.rateSeconds, 3),
  };
  const goals: BenchResult['goals'] = { 'rateSeconds<60': pure.rateSeconds < GOAL_SECONDS };
  for (const f of sql) {
    const name = f.engine === 'postgres' ? 'Postgres' : 'Pglite';
    // Events per second, since the pure engine's histories are not the same events as the stored ones.
    ratios[`vsPureEngine${name}`] = round(f.eventsReadPerSec / pure.eventsPerSec, 3);
    // Before / after, back to back in the same process: the raw-rows run's seconds over the blocks run's.
    if (f.blocks.rawRun)
      ratios[`blocksVsRaw${name}`] = round(f.blocks.rawRun.seconds / f.seconds, 3);
    goals[`${f.engine}Seconds<60(${FULL_SIZE_ASSETS} assets)`] =
      settings.sqlAssets >= FULL_SIZE_ASSETS && f.seconds < GOAL_SECONDS;
  }
  return {
    bench: 'billing',
    figures: {
      rateSeconds: round(pure.rateSeconds, 2),
      assets: settings.assets,
      events: pure.events,
      eventsPerSec: round(pure.eventsPerSec, 0),
      intervals: pure.intervals,
      bareScanSeconds: round(pure.bareScanSeconds, 2),
      historiesSeconds: round(pure.historiesSeconds, 2),
      rssPeakMb: round(pure.rssPeakMb, 1),
      heapUsedAfterMb: round(pure.heapUsedAfterMb, 1),
      heapGrowthMb: round(pure.heapGrowthMb, 1),
      ...Object.assign({}, ...sql.map((f) => sqlFigures(f, settings.sqlAssets))),
      loadAverage1m: round(loadAverage1m, 2),
    },
    ratios,
    goals,
    details: { settings, result: pure.result, sql },
  };
}
