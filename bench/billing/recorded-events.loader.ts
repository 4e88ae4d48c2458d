import { BillingEventRecorder, type NewStateEventDay } from '@hourglass/billing-records';
import type { SqlDatabase, SqlExecutor, SqlValue } from '@hourglass/platform-sql';
import { countProgress } from '../support/phase-progress';
import { assetTelemetry } from './asset-telemetry';
import { packDays, type RecordedRow } from './day-blocks.packer';

/** Rows per bulk insert statement. */
const ROWS_PER_STATEMENT = 25_000;
/** Devices' messages arrive this long after they were observed (the run's cutoff counts `received_at`). */
const RECEIVED_AFTER = "interval '2 seconds'";
const RECEIVED_AFTER_MS = 2000;

/** The columns of the rows the recorder writes, gathered for one bulk statement. */
class RowBuffer {
  assetIds: string[] = [];
  times: string[] = [];
  kinds: string[] = [];
  states: (string | null)[] = [];
  seqs: (number | null)[] = [];
  meters: (number | null)[] = [];

  get length(): number {
    return this.assetIds.length;
  }

  /** Every row as a recorded row; those observed before `beforeMs` are also copied to `raw`. */
  splitAt(beforeMs: number, raw: RowBuffer): RecordedRow[] {
    const all: RecordedRow[] = [];
    for (let i = 0; i < this.length; i++) {
      const ms = Date.parse(this.times[i]);
      if (ms < beforeMs) {
        raw.assetIds.push(this.assetIds[i]);
        raw.times.push(this.times[i]);
        raw.kinds.push(this.kinds[i]);
        raw.states.push(this.states[i]);
        raw.seqs.push(this.seqs[i]);
        raw.meters.push(this.meters[i]);
      }
      const kind = this.kinds[i] as RecordedRow['kind'];
      all.push({ ms, kind, state: this.states[i], seq: this.seqs[i], meter: this.meters[i] });
    }
    return all;
  }

  /** Takes the parameters of `StateEventRepository.insert`'s statement. */
  add(params: readonly SqlValue[]): void {
    const [a, , t, k, s, q, m] = params as [
      string[],
      string[],
      string[],
      string[],
      (string | null)[],
      (number | null)[],
      (number | null)[],
    ];
    for (let i = 0; i < a.length; i++) {
      this.assetIds.push(a[i]);
      this.times.push(t[i]);
      this.kinds.push(k[i]);
      this.states.push(s[i]);
      this.seqs.push(q[i]);
      this.meters.push(m[i]);
    }
  }
}

/**
 * Stands in for the database under `BillingEventRecorder`: keeps the rows of its insert statement
 * instead of running it, so that the bench stores exactly the rows the recorder would write from
 * the same telemetry, in bulk statements of its own (with a `received_at` in the past). Its reads
 * (the asset registry's tenants) go to the real database.
 */
class CapturingDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  buffer = new RowBuffer();

  constructor(private readonly db: SqlDatabase) {}

  async query<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    if (/^\s*select /.test(text)) return this.db.query<T>(text, params);
    if (!/^\s*insert into state_events/.test(text))
      throw new Error(`unexpected statement from the recorder: ${text.slice(0, 60)}`);
    this.buffer.add(params);
    return [];
  }
  async exec(): Promise<void> {
    throw new Error('the recorder runs no scripts');
  }
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return work(this);
  }
  async ping(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {
    // nothing to release: the rows go to the bench's own database
  }
}

async function insertRows(db: SqlDatabase, tenantId: string, rows: RowBuffer): Promise<void> {
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, seq, meter_hours, received_at)
     select u.a, $7, u.t, u.k, u.s, u.q, u.m, u.t + ${RECEIVED_AFTER}
     from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::bigint[], $6::float8[]) as u(a, t, k, s, q, m)`,
    [
      rows.assetIds,
      rows.times,
      rows.kinds,
      rows.states as string[],
      rows.seqs as number[],
      rows.meters as number[],
      tenantId,
    ],
  );
}

/**
 * Runs `load` with `state_events`' primary key and indexes dropped, then builds them again from
 * their own definitions: one sort per index instead of a B-tree insert per row and index.
 */
async function withIndexesBuiltAfter(db: SqlDatabase, load: () => Promise<void>): Promise<void> {
  const indexes = await db.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
     where tablename = 'state_events' and indexname <> 'state_events_pkey'`,
  );
  const [pk] = await db.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
     where conrelid = 'state_events'::regclass and contype = 'p'`,
  );
  for (const i of indexes) await db.exec(`drop index ${i.name}`);
  if (pk) await db.exec(`alter table state_events drop constraint ${pk.name}`);
  await load();
  if (pk) await db.exec(`alter table state_events add constraint ${pk.name} ${pk.def}`);
  for (const i of indexes) await db.exec(i.def);
}

/** What loading the fleet's billing events took (not part of the timed run). */
export interface LoadFigures {
  rows: number;
  byKind: Record<string, number>;
  seconds: number;
  vacuumSeconds: number;
  /** Assets whose rows of the whole range are stored; the others' rows from `blocks.fromMs` are packed directly. */
  rawAssets: number;
  /** Day blocks packed in memory and stored (assets after the first `rawAssets`). */
  directBlocks: number;
  /** Rows those blocks hold (recorded, not stored as rows). */
  directBlockRows: number;
}

/** Where the rows of the assets without raw rows go: day blocks stored by `store`. */
export interface DirectBlocks {
  /** Rows observed from here on are only packed; earlier ones (the carry-in) are stored as rows too. */
  fromMs: number;
  tenantId: string;
  packedThroughUs: number;
  store: (blocks: NewStateEventDay[]) => Promise<void>;
}

/** Each asset's rows as the recorder writes them from its telemetry over `[fromMs, toMs)`. */
export async function* recordedRows(
  db: SqlDatabase,
  assetIds: readonly string[],
  fromMs: number,
  toMs: number,
  first = 0,
): AsyncGenerator<{ assetId: string; index: number; rows: RowBuffer }> {
  const capture = new CapturingDatabase(db);
  const recorder = new BillingEventRecorder(capture);
  for (let index = first; index < assetIds.length; index++) {
    const assetId = assetIds[index];
    for (const day of assetTelemetry(assetId, index, fromMs, toMs)) await recorder.onDurable(day);
    const rows = capture.buffer;
    capture.buffer = new RowBuffer();
    yield { assetId, index, rows };
  }
}

/**
 * Feeds each asset's telemetry over `[fromMs, toMs)` to a real `BillingEventRecorder` (a day per
 * batch, as ingest's durable-batch hook would see it) and stores the rows it writes in
 * `state_events`, `ROWS_PER_STATEMENT` per statement, with the indexes built afterwards; then
 * `vacuum analyze`, as autovacuum would have done to a month of data before the run. With
 * `direct`, only the first `rawAssets` assets get all their rows stored: the others' rows from
 * `direct.fromMs` on are not stored: all their rows are packed into day blocks in memory (what the
 * compactor would store for them), and only the rows before `direct.fromMs` (the carry-in a run
 * reads as rows) are stored as well.
 */
export async function loadRecordedEvents(
  db: SqlDatabase,
  tenantId: string,
  assetIds: readonly string[],
  fromMs: number,
  toMs: number,
  direct?: DirectBlocks & { rawAssets: number },
): Promise<LoadFigures> {
  const rawAssets = direct ? Math.min(direct.rawAssets, assetIds.length) : assetIds.length;
  const capture = new CapturingDatabase(db);
  const recorder = new BillingEventRecorder(capture);
  const byKind: Record<string, number> = {};
  let rows = 0;
  let directBlocks = 0;
  let directBlockRows = 0;
  const flush = async () => {
    const batch = capture.buffer;
    capture.buffer = new RowBuffer();
    for (const k of batch.kinds) byKind[k] = (byKind[k] ?? 0) + 1;
    rows += batch.length;
    await insertRows(db, tenantId, batch);
  };
  const t0 = performance.now();
  const loaded = countProgress('storing billing events', assetIds.length, 'assets');
  await withIndexesBuiltAfter(db, async () => {
    for (let index = 0; index < rawAssets; index++) {
      for (const day of assetTelemetry(assetIds[index], index, fromMs, toMs)) {
        await recorder.onDurable(day);
        if (capture.buffer.length >= ROWS_PER_STATEMENT) await flush();
      }
      loaded.update(index + 1, `${rows.toLocaleString('en')} rows`);
    }
    if (direct) {
      let pending: NewStateEventDay[] = [];
      for await (const a of recordedRows(db, assetIds, fromMs, toMs, rawAssets)) {
        const later = a.rows.splitAt(direct.fromMs, capture.buffer);
        const blocks = packDays(
          a.assetId,
          direct.tenantId,
          later,
          RECEIVED_AFTER_MS,
          direct.packedThroughUs,
        );
        directBlocks += blocks.length;
        directBlockRows += later.length;
        pending.push(...blocks);
        if (pending.length >= 500) {
          await direct.store(pending);
          pending = [];
        }
        if (capture.buffer.length >= ROWS_PER_STATEMENT) await flush();
        loaded.update(a.index + 1, `${rows.toLocaleString('en')} rows, ${directBlocks} blocks`);
      }
      await direct.store(pending);
    }
    await flush();
  });
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await db.exec('vacuum analyze state_events');
  return {
    rows,
    byKind,
    seconds,
    vacuumSeconds: (performance.now() - t1) / 1000,
    rawAssets,
    directBlocks,
    directBlockRows,
  };
}

/** The blocks `packDays` builds for recorded rows of `[fromMs, toMs)` (the check against the compactor's). */
export async function* directBlocksOf(
  db: SqlDatabase,
  assetIds: readonly string[],
  fromMs: number,
  toMs: number,
  direct: Omit<DirectBlocks, 'store'>,
): AsyncGenerator<NewStateEventDay[]> {
  for await (const a of recordedRows(db, assetIds, fromMs, toMs)) {
    const later = a.rows.splitAt(direct.fromMs, new RowBuffer());
    yield packDays(a.assetId, direct.tenantId, later, RECEIVED_AFTER_MS, direct.packedThroughUs);
  }
}
