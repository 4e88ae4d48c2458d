// Day blocks in the SQL phases: the compaction a platform runs daily (timed apart from the run), the
// check that blocks packed in memory are the compactor's byte for byte, and fingerprints of the
// stored runs to show that a run reading blocks stores what a run reading raw rows stores.
import {
  DAY_US,
  StateEventDayCompactor,
  StateEventDayRepository,
  type NewStateEventDay,
} from '@hourglass/billing-records';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { progress } from '../support/bench-contract';
import { processTreeCpuSeconds } from './process-tree-memory';
import { directBlocksOf } from './recorded-events.loader';

/** What one compaction pass took. */
export interface CompactionFigures {
  seconds: number;
  blocks: number;
  /** Events in the blocks written. */
  events: number;
  msPerAssetDay: number;
  cpuSeconds: number;
  serverCpuSeconds: number | null;
  stateEventDaysMb: number;
}

/** Times one `StateEventDayCompactor.compact()` as the platform's clock `nowMs` sees it. */
export async function timedCompaction(
  db: SqlDatabase,
  nowMs: number,
  serverPid: string | null,
): Promise<CompactionFigures> {
  const sut = new StateEventDayCompactor(db, { now: () => nowMs });
  const serverCpu = () => (serverPid === null ? null : processTreeCpuSeconds(serverPid));
  const [before] = await db.query<{ events: string | number }>(
    `select coalesce(sum(events), 0) as events from state_event_days`,
  );
  const [cpu0, serverCpu0] = [process.cpuUsage(), serverCpu()];
  const t0 = performance.now();
  const blocks = await sut.compact();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const serverCpuSeconds = serverCpu0 === null ? null : (serverCpu() as number) - serverCpu0;
  const [after] = await db.query<{ events: string | number; bytes: string | number }>(
    `select coalesce(sum(events), 0) as events, pg_total_relation_size('state_event_days') as bytes
     from state_event_days`,
  );
  const figures = {
    seconds,
    blocks,
    events: Number(after.events) - Number(before.events),
    msPerAssetDay: blocks === 0 ? 0 : (seconds * 1000) / blocks,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    serverCpuSeconds,
    stateEventDaysMb: Number(after.bytes) / 2 ** 20,
  };
  progress(
    `  compaction: ${blocks} asset-days (${figures.events.toLocaleString('en')} events) in ${seconds.toFixed(1)} s, ${figures.msPerAssetDay.toFixed(2)} ms per asset-day; state_event_days ${figures.stateEventDaysMb.toFixed(0)} MB`,
  );
  return figures;
}

/**
 * A digest of every stored run and interval, in four parts: keys, totals, hours and inputs / figures
 * and charge lines / status and review / interval tables. The first part differed between two
 * processes running the same code (the other three were equal; the key's varying input was not
 * traced: not the contracts, which `seedContracts` creates on a fixed clock; the day blocks'
 * `packed_through`, taken from the real clock, is a suspect not yet checked): compare it within one
 * process only.
 */
export async function runsFingerprint(db: SqlDatabase): Promise<string> {
  const [row] = await db.query<{
    runs: string;
    charges: string;
    review: string;
    intervals: string;
  }>(
    `select md5(string_agg(concat_ws(' ', contract_id, period, revision, input_key, total, billable_hours, inputs::text),
              E'\\n' order by contract_id, period, revision)) as runs,
            md5(string_agg(concat_ws(' ', figures::text, lines::text), E'\\n' order by contract_id, period, revision)) as charges,
            md5(string_agg(concat_ws(' ', status, review::text), E'\\n' order by contract_id, period, revision)) as review,
            (select md5(string_agg(x::text, E'\\n' order by x::text)) from billing_run_intervals x) as intervals
     from billing_runs`,
  );
  return `${row.runs}/${row.charges}/${row.review}/${row.intervals}`;
}

/** Removes the stored runs, so that the next `runAll` rates every period again. */
export async function forgetRuns(db: SqlDatabase): Promise<void> {
  await db.query(`delete from billing_runs`);
}

/**
 * Compares the compactor's stored blocks with the ones `packDays` builds in memory from the same
 * generated histories (everything but `packed_through`), then stores the in-memory ones in their
 * place; returns the number of blocks compared, or throws at the first difference.
 */
export async function checkDirectBlocks(
  db: SqlDatabase,
  tenantId: string,
  assetIds: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<number> {
  const days = new StateEventDayRepository(db);
  const packedThroughUs = await days.packedThroughNow(60_000);
  let compared = 0;
  const direct = directBlocksOf(db, assetIds, fromMs, toMs, {
    fromMs,
    tenantId,
    packedThroughUs,
  });
  for await (const blocks of direct) {
    const stored = await db.query<{
      day: number;
      events: number;
      payload: Uint8Array;
      max_received_us: string | number;
      tenant_id: string;
    }>(
      `select (day - date '1970-01-01') as day, events, payload, tenant_id,
              (extract(epoch from max_received_at) * 1000000)::bigint as max_received_us
       from state_event_days where asset_id = $1 order by day`,
      [blocks[0].assetId],
    );
    const describe = (b: NewStateEventDay) =>
      `${b.tenantId} ${b.dayUs / DAY_US} ${b.events} ${b.maxReceivedUs} ${Buffer.from(b.payload).toString('base64')}`;
    const mine = blocks.map(describe);
    const theirs = stored.map(
      (s) =>
        `${s.tenant_id} ${s.day} ${s.events} ${Number(s.max_received_us)} ${Buffer.from(s.payload).toString('base64')}`,
    );
    for (let i = 0; i < Math.max(mine.length, theirs.length); i++)
      if (mine[i] !== theirs[i])
        throw new Error(
          `${blocks[0].assetId}: block ${i} packed in memory differs from the compactor's: ${(mine[i] ?? '-').slice(0, 80)} vs ${(theirs[i] ?? '-').slice(0, 80)}`,
        );
    compared += blocks.length;
    await days.upsert(blocks);
  }
  progress(
    `  ${compared} blocks packed in memory identical to the compactor's (now stored instead)`,
  );
  return compared;
}
