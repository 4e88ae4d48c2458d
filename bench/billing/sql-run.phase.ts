// The run users get: BillingRunService.runAll (what BillingRoundJob runs every HG_BILLING_INTERVAL_MS)
// over a fleet whose month of billing events is stored in PostgreSQL or PGlite, from reading the
// events to the stored billing runs and their interval tables.
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BillingRunService,
  BillingStores,
  PeriodEventReader,
  StateEventDayRepository,
  type ContractTermsInput,
  type PeriodEvents,
} from '@hourglass/billing-records';
import type { BillingPeriod } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { startPostgres } from '@hourglass/testing-services';
import { openTestDatabase } from '@hourglass/testing-sql';
import { progress } from '../support/bench-contract';
import { CpuProfiler, type CpuProfileSummary } from '../support/cpu-profile';
import { watchCount } from '../support/phase-progress';
import {
  checkDirectBlocks,
  forgetRuns,
  runsFingerprint,
  timedCompaction,
  type CompactionFigures,
} from './day-blocks.phase';
import {
  findProcess,
  processTreeCpuSeconds,
  processTreeRss,
  serverCpuByKind,
} from './process-tree-memory';
import { loadRecordedEvents, type LoadFigures } from './recorded-events.loader';
import { BENCH_TENANT, benchAssetIds, seedAssets, seedContracts } from './sql-fleet';
import {
  StatementProfile,
  counterDelta,
  tableCounters,
  type StatementFigures,
  type TableCounters,
} from './statement-profile';
import { MethodTime, timeMethod } from './timed-method';

/** Which SQL engine a phase runs on. */
export type SqlEngine = 'postgres' | 'pglite';

/** Settings of a SQL phase. */
export interface SqlRunSettings {
  assets: number;
  contractAssets: number;
  period: BillingPeriod;
  /** The clock of the billing run (epoch ms): after the rated month, within its grace period. */
  nowMs: number;
  terms: ContractTermsInput;
  /**
   * Assets whose month is stored as raw rows (then packed by the timed compaction); the others' days
   * are packed in memory and stored as blocks only (their carry-in hour as rows too).
   */
  rawAssets: number;
  /** Also check that blocks packed in memory are the compactor's and give the same runs (all raw only). */
  checkBlocks: boolean;
  /** Profile the bench process during the blocks run (`--cpu-prof`). */
  cpuProf?: boolean;
  /** Contracts `runAll` rates at once (`--contract-concurrency`); the phases' times then overlap. */
  contractConcurrency?: number;
}

/** One timed `runAll`. */
export type RunFigures = Omit<
  SqlRunFigures,
  'engine' | 'contracts' | 'load' | 'blocks' | 'runsDigest'
>;

/** What a SQL phase measured; seconds are wall time, memory in MB. */
export interface SqlRunFigures {
  engine: SqlEngine;
  seconds: number;
  eventsRead: number;
  eventsReadPerSec: number;
  readSeconds: number;
  /** `prepare` outside the read: de-duplicating, sorting and shaping the events into engine columns. */
  prepareJsSeconds: number;
  rateSeconds: number;
  writeSeconds: number;
  otherSeconds: number;
  runsWritten: number;
  intervalsWritten: number;
  /** The rated month's stored runs summed: a plausibility check against the pure engine's figures. */
  june: {
    billableHours: string;
    total: string;
    runsHeldForReview: number;
    firstReviewReason: string | null;
  };
  contracts: number;
  rssPeakMb: number;
  rssBeforeMb: number;
  /** CPU seconds of the bench process during the run (PGlite's work included: it runs inside it). */
  cpuSeconds: number;
  /** CPU seconds of the PostgreSQL server (postmaster and backends) during the run; null for PGlite. */
  serverCpuSeconds: number | null;
  serverRssPeakMb: number | null;
  /** Where the run's time went (PostgreSQL; see statement-profile.ts). */
  diagnostics: RunDiagnostics | null;
  load: LoadFigures & { seedSeconds: number; stateEventsMb: number };
  /** md5 of the stored runs (key, status, figures, charges, review, inputs) and of their interval tables after the run. */
  runsDigest: string;
  blocks: {
    compaction: CompactionFigures;
    /** The same `runAll` reading raw rows only, just before (when every asset's rows are stored). */
    rawRun: RunFigures | null;
    /** Runs and intervals stored by the raw run and by the block run are the same (digests equal). */
    runsIdenticalToRaw: boolean | null;
    /** Blocks packed in memory compared with the compactor's and found identical (`--check-blocks`). */
    directBlocksChecked: number | null;
    /** The runs from those blocks are the same as from the compactor's. */
    directRunsIdentical: boolean | null;
  };
}

/** Where a PostgreSQL run's time went. */
export interface RunDiagnostics {
  /** Server CPU seconds while the reader read (its calls do not overlap) and while runs were written. */
  readServerCpuSeconds: number;
  writeServerCpuSeconds: number;
  /** Server CPU seconds by process kind (client backends, autovacuum workers, checkpointer ...). */
  serverCpuByKind: Record<string, number>;
  /** The tables' scan, buffer and autovacuum counters over the run. */
  tables: TableCounters;
  /** Each statement text's calls and client-side seconds, costliest first; plans of the top reads. */
  statements: StatementFigures[];
}

const mb = (bytes: number) => bytes / 2 ** 20;

interface OpenedEngine {
  db: SqlDatabase;
  serverPid: () => string | null;
  close: () => Promise<void>;
}

async function openEngine(engine: SqlEngine): Promise<OpenedEngine> {
  if (engine === 'postgres') {
    const server = await startPostgres();
    const db = await openTestDatabase({ databaseUrl: server.url });
    let pid: string | null | undefined;
    return {
      db,
      serverPid: () => (pid ??= findProcess(`${server.dir}/data`)),
      close: async () => {
        await db.close();
        await server.stop();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-billing-'));
  const db = await openTestDatabase({ dataDir });
  return {
    db,
    serverPid: () => null,
    close: async () => {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Samples this process's RSS (and a server's, if any) until stopped; peaks in bytes. */
function memorySampler(serverPid: string | null): {
  stop: () => { rss: number; server: number | null };
} {
  let rss = process.memoryUsage().rss;
  let server = serverPid ? processTreeRss(serverPid) : null;
  const own = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 100);
  const other = serverPid
    ? setInterval(() => (server = Math.max(server ?? 0, processTreeRss(serverPid))), 1000)
    : null;
  return {
    stop: () => {
      clearInterval(own);
      if (other) clearInterval(other);
      rss = Math.max(rss, process.memoryUsage().rss);
      return { rss, server };
    },
  };
}

async function loadFleet(
  db: SqlDatabase,
  settings: SqlRunSettings,
): Promise<{ contracts: string[]; load: SqlRunFigures['load'] }> {
  const t0 = performance.now();
  const assetIds = benchAssetIds(settings.assets);
  await seedAssets(db, assetIds);
  const contracts = await seedContracts(db, assetIds, settings.contractAssets, settings.terms);
  const seedSeconds = (performance.now() - t0) / 1000;
  // An hour of the previous month too: the carry-in a run reads before the period start.
  const fromMs = settings.period.startUs / 1000 - 3_600_000;
  const days = new StateEventDayRepository(db);
  const direct =
    settings.rawAssets >= assetIds.length
      ? undefined
      : {
          rawAssets: settings.rawAssets,
          fromMs: settings.period.startUs / 1000,
          tenantId: BENCH_TENANT,
          packedThroughUs: await days.packedThroughNow(60_000),
          store: (blocks: Parameters<StateEventDayRepository['upsert']>[0]) => days.upsert(blocks),
        };
  const loaded = await loadRecordedEvents(
    db,
    BENCH_TENANT,
    assetIds,
    fromMs,
    settings.period.endUs / 1000,
    direct,
  );
  const [size] = await db.query<{ bytes: string | number }>(
    `select pg_total_relation_size('state_events') as bytes`,
  );
  return { contracts, load: { ...loaded, seedSeconds, stateEventsMb: mb(Number(size.bytes)) } };
}

/** `state_events` of one asset-month as the recorder writes it from one-minute telemetry (measured: ~8.7 MB). */
const BYTES_PER_ASSET_MONTH = 9 * 2 ** 20;

/**
 * Where an engine's files go: PGlite in the temporary directory; the harness's PostgreSQL where
 * `harnessTmpRoot()` (libs/testing/services, not exported) puts it: `$HOURGLASS_TEST_TMPDIR`, else
 * /dev/shm (RAM) when it has 2 GiB free, else the temporary directory.
 */
function filesOf(engine: SqlEngine): string {
  if (engine === 'pglite') return tmpdir();
  const shm = (() => {
    try {
      const { bavail, bsize } = statfsSync('/dev/shm');
      return bavail * bsize >= 2 * 2 ** 30;
    } catch {
      return false;
    }
  })();
  return process.env['HOURGLASS_TEST_TMPDIR'] || (shm ? '/dev/shm' : tmpdir());
}

/** `state_event_days` of one asset-month (measured: see bench/README.md; with room to spare). */
const BLOCK_BYTES_PER_ASSET_MONTH = 2 ** 20;

/** Refuses a load that cannot fit where the engine keeps its files, before hours of loading. */
export function checkDiskSpace(engine: SqlEngine, assets: number, rawAssets = assets): void {
  const dir = filesOf(engine);
  const { bavail, bsize } = statfsSync(dir);
  const needed =
    (Math.min(assets, rawAssets) * BYTES_PER_ASSET_MONTH + assets * BLOCK_BYTES_PER_ASSET_MONTH) *
    1.1;
  if (bavail * bsize < needed) {
    const env = engine === 'postgres' ? 'HOURGLASS_TEST_TMPDIR' : 'TMPDIR';
    throw new Error(
      `${engine}: ${assets} assets need ~${(needed / 2 ** 30).toFixed(0)} GB in ${dir} (state_events and its day blocks), ${((bavail * bsize) / 2 ** 30).toFixed(0)} GB free: set ${env} or use fewer --assets`,
    );
  }
}

/** Stores the fleet's month in `engine`, then times one `runAll` over every contract. */
export async function runSqlPhase(
  engine: SqlEngine,
  settings: SqlRunSettings,
): Promise<SqlRunFigures> {
  progress(
    `${engine}: storing ${settings.assets.toLocaleString('en')} assets' month of billing events (not timed)`,
  );
  const opened = await openEngine(engine);
  try {
    const { contracts, load } = await loadFleet(opened.db, settings);
    progress(
      `  ${load.rows.toLocaleString('en')} rows (${JSON.stringify(load.byKind)}) in ${load.seconds.toFixed(1)} s + vacuum analyze ${load.vacuumSeconds.toFixed(1)} s; state_events ${load.stateEventsMb.toFixed(0)} MB; ${contracts.length} contracts`,
    );
    const compaction = await timedCompaction(opened.db, settings.nowMs, opened.serverPid());
    const allRaw = settings.rawAssets >= settings.assets;
    let rawRun: RunFigures | null = null;
    let rawDigest: string | null = null;
    if (allRaw) {
      progress(`  before: runAll reading raw rows only`);
      rawRun = await timedRun(opened, settings, contracts.length, false);
      rawDigest = await runsFingerprint(opened.db);
      await forgetRuns(opened.db);
      progress(`  after: runAll reading day blocks`);
    }
    const run = await timedRun(opened, settings, contracts.length, true);
    const digest = await runsFingerprint(opened.db);
    progress(`  runs digest ${digest}`);
    let directBlocksChecked: number | null = null;
    let directRunsIdentical: boolean | null = null;
    if (settings.checkBlocks && allRaw) {
      directBlocksChecked = await checkDirectBlocks(
        opened.db,
        BENCH_TENANT,
        benchAssetIds(settings.assets),
        settings.period.startUs / 1000 - 3_600_000,
        settings.period.endUs / 1000,
      );
      await forgetRuns(opened.db);
      await timedRun(opened, settings, contracts.length, true);
      directRunsIdentical = (await runsFingerprint(opened.db)) === digest;
      progress(`  runs from blocks packed in memory identical: ${directRunsIdentical}`);
    }
    const runsIdenticalToRaw = rawDigest === null ? null : rawDigest === digest;
    if (runsIdenticalToRaw !== null)
      progress(`  runs reading blocks identical to runs reading raw rows: ${runsIdenticalToRaw}`);
    return {
      engine,
      contracts: contracts.length,
      load,
      ...run,
      runsDigest: digest,
      blocks: { compaction, rawRun, runsIdenticalToRaw, directBlocksChecked, directRunsIdentical },
    };
  } finally {
    await opened.close();
  }
}

async function timedRun(
  opened: OpenedEngine,
  settings: SqlRunSettings,
  contracts: number,
  dayBlocks: boolean,
): Promise<RunFigures> {
  const stores = new BillingStores(opened.db);
  (stores as { periodEvents: PeriodEventReader }).periodEvents = new PeriodEventReader(opened.db, {
    dayBlocks,
  });
  const errors: string[] = [];
  const sut = new BillingRunService(opened.db, stores, {
    now: () => settings.nowMs,
    log: (line) => errors.push(line),
    contractConcurrency: settings.contractConcurrency,
  });
  const read = new MethodTime();
  const prepare = new MethodTime();
  const rate = new MethodTime();
  const write = new MethodTime();
  const serverPid = opened.serverPid();
  const serverCpu = () => (serverPid === null ? null : processTreeCpuSeconds(serverPid));
  timeMethod(
    stores.periodEvents,
    'read',
    read,
    (r) => Object.values((r as PeriodEvents).counts).reduce((a, b) => a + b, 0),
    serverCpu,
  );
  timeMethod(sut, 'prepare', prepare);
  timeMethod(sut, 'rateOnly', rate);
  timeMethod(stores.runs, 'insert', write, undefined, serverCpu);
  global.gc?.();
  const rssBeforeMb = mb(process.memoryUsage().rss);
  progress(`  runAll over ${contracts} contracts (previous and current period each)`);
  const postgres = opened.db.kind === 'postgres' && serverPid !== null;
  const counters0 = postgres ? await tableCounters(opened.db) : null;
  const byKind = postgres ? serverCpuByKind(serverPid) : null;
  const profile = postgres ? new StatementProfile(opened.db) : null;
  const memory = memorySampler(serverPid);
  const [cpu0, serverCpu0] = [process.cpuUsage(), serverCpu()];
  const stopWatch = watchCount('runAll', contracts * 2, 'contract periods', () => rate.calls);
  const profiler = settings.cpuProf && dayBlocks ? new CpuProfiler() : undefined;
  await profiler?.start();
  const t0 = performance.now();
  const runsWritten = await sut.runAll().finally(stopWatch);
  const seconds = (performance.now() - t0) / 1000;
  const cpuProfile: CpuProfileSummary | undefined = await profiler?.stop(
    join(tmpdir(), `billing-run-${Date.now()}.cpuprofile`),
  );
  if (cpuProfile)
    progress(
      `  cpu profile ${cpuProfile.file}: ${JSON.stringify(cpuProfile.byArea)}\n${cpuProfile.topFunctions.slice(0, 20).join('\n')}`,
    );
  const cpu = process.cpuUsage(cpu0);
  const serverCpuSeconds = serverCpu0 === null ? null : (serverCpu() as number) - serverCpu0;
  const peak = memory.stop();
  const serverCpuKinds = byKind?.stop() ?? {};
  const statements = (await profile?.stop()) ?? [];
  const diagnostics: RunDiagnostics | null = counters0
    ? {
        readServerCpuSeconds: read.serverCpuSeconds,
        writeServerCpuSeconds: write.serverCpuSeconds,
        serverCpuByKind: serverCpuKinds,
        tables: counterDelta(counters0, await tableCounters(opened.db)),
        statements,
      }
    : null;
  if (diagnostics) reportDiagnostics(diagnostics);
  if (errors.length > 0) throw new Error(`billing run failed: ${errors.slice(0, 3).join('; ')}`);
  if (runsWritten !== contracts * 2)
    throw new Error(`expected ${contracts * 2} billing runs written, got ${runsWritten}`);
  const [stored] = await opened.db.query<{
    intervals: string | number;
    hours: string;
    total: string;
    reviewed: string | number;
    reason: string | null;
  }>(
    `select (select count(*) from billing_run_intervals) as intervals, sum(billable_hours)::text as hours, sum(total)::text as total,
            count(*) filter (where jsonb_array_length(review->'reasons') > 0) as reviewed,
            (array_agg(review->'reasons'->>0) filter (where jsonb_array_length(review->'reasons') > 0))[1] as reason
     from billing_runs where period = $1`,
    [settings.period.id],
  );
  const prepareJs = prepare.seconds - read.seconds;
  const other = seconds - prepare.seconds - rate.seconds - write.seconds;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  progress(
    `  ${seconds.toFixed(1)} s: read ${read.seconds.toFixed(1)} s (${read.items.toLocaleString('en')} events), prepare ${prepareJs.toFixed(1)} s, rate ${rate.seconds.toFixed(1)} s, write ${write.seconds.toFixed(1)} s, other ${other.toFixed(1)} s; CPU ${cpuSeconds.toFixed(1)} s${serverCpuSeconds === null ? '' : `, server CPU ${serverCpuSeconds.toFixed(1)} s`}; RSS peak ${mb(peak.rss).toFixed(0)} MB${peak.server === null ? '' : `, server ${mb(peak.server).toFixed(0)} MB`}`,
  );
  progress(
    `  ${settings.period.id} summed: ${stored.hours} h, total ${stored.total}, ${Number(stored.reviewed)} held for review`,
  );
  return {
    seconds,
    eventsRead: read.items,
    eventsReadPerSec: read.items / seconds,
    readSeconds: read.seconds,
    prepareJsSeconds: prepareJs,
    rateSeconds: rate.seconds,
    writeSeconds: write.seconds,
    otherSeconds: other,
    runsWritten,
    intervalsWritten: Number(stored.intervals),
    june: {
      billableHours: stored.hours,
      total: stored.total,
      runsHeldForReview: Number(stored.reviewed),
      firstReviewReason: stored.reason,
    },
    rssPeakMb: mb(peak.rss),
    rssBeforeMb,
    cpuSeconds,
    serverCpuSeconds,
    serverRssPeakMb: peak.server === null ? null : mb(peak.server),
    diagnostics,
  };
}

function reportDiagnostics(d: RunDiagnostics): void {
  progress(
    `  server CPU: read ${d.readServerCpuSeconds.toFixed(1)} s, write ${d.writeServerCpuSeconds.toFixed(1)} s; by kind ${JSON.stringify(d.serverCpuByKind)}`,
  );
  for (const [table, c] of Object.entries(d.tables)) progress(`  ${table}: ${JSON.stringify(c)}`);
  for (const s of d.statements.slice(0, 8))
    progress(
      `  ${s.seconds.toFixed(2)} s, ${s.calls} calls, ${s.rows} rows${s.inTransaction ? ' (tx)' : ''}: ${s.text.slice(0, 110)}`,
    );
}
