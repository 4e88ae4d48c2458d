// Where a billing run's SQL time goes, from the client's side: each statement text's calls and wall
// time (pg_stat_statements is not loaded by the harness), the plans of the costliest ones re-run with
// EXPLAIN (ANALYZE, BUFFERS) afterwards, and the tables' scan, buffer and autovacuum counters.
import type { SqlDatabase, SqlExecutor, SqlValue } from '@hourglass/platform-sql';

/** One statement text's share of a run. */
export interface StatementFigures {
  /** The statement's first 160 characters, whitespace collapsed. */
  text: string;
  calls: number;
  seconds: number;
  rows: number;
  /** Calls inside a transaction (the run's writes). */
  inTransaction: number;
  /** EXPLAIN (ANALYZE, BUFFERS) of its slowest call's text and parameters, re-run after the run. */
  plan?: string[];
}

interface Slowest {
  sql: string;
  params: readonly SqlValue[];
  seconds: number;
}

const collapse = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** Counts every statement run through `db` (and its transactions) until {@link stop}. */
export class StatementProfile {
  private readonly byText = new Map<string, StatementFigures>();
  private readonly slowest = new Map<string, Slowest>();
  private readonly restore: Array<() => void> = [];

  constructor(private readonly db: SqlDatabase) {
    const query = db.query.bind(db);
    const transaction = db.transaction.bind(db);
    const wrap = (run: SqlExecutor['query'], inTx: boolean) =>
      (async (sql: string, params: readonly SqlValue[] = []) => {
        const t0 = performance.now();
        const rows = await run(sql, params);
        this.add(sql, params, (performance.now() - t0) / 1000, rows.length, inTx);
        return rows;
      }) as SqlExecutor['query'];
    const target = db as { query: SqlExecutor['query']; transaction: SqlDatabase['transaction'] };
    target.query = wrap(query, false);
    target.transaction = ((work: (tx: SqlExecutor) => Promise<unknown>) =>
      transaction((tx) =>
        work({ ...tx, query: wrap(tx.query.bind(tx), true) } as SqlExecutor),
      )) as SqlDatabase['transaction'];
    this.restore.push(() => {
      delete (db as Partial<typeof target>).query;
      delete (db as Partial<typeof target>).transaction;
    });
  }

  private add(sql: string, params: readonly SqlValue[], s: number, rows: number, inTx: boolean) {
    let f = this.byText.get(sql);
    if (!f) {
      f = { text: collapse(sql).slice(0, 160), calls: 0, seconds: 0, rows: 0, inTransaction: 0 };
      this.byText.set(sql, f);
    }
    f.calls++;
    f.seconds += s;
    f.rows += rows;
    if (inTx) f.inTransaction++;
    const slow = this.slowest.get(sql);
    if (!slow || s > slow.seconds) this.slowest.set(sql, { sql, params, seconds: s });
  }

  /** Stops counting; the `explain` costliest read-only statements get their slowest call's plan. */
  async stop(explain = 4): Promise<StatementFigures[]> {
    for (const r of this.restore) r();
    const sorted = [...this.byText.entries()].sort((a, b) => b[1].seconds - a[1].seconds);
    let explained = 0;
    for (const [sql, f] of sorted) {
      if (explained >= explain) break;
      if (!/^\s*(select|with)\b/i.test(sql) || /pg_advisory/i.test(sql)) continue;
      const slow = this.slowest.get(sql) as Slowest;
      const rows = await this.db.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) ${sql}`,
        slow.params,
      );
      f.plan = rows.map((r) => r['QUERY PLAN']);
      explained++;
    }
    return sorted.map(([, f]) => f).slice(0, 25);
  }
}

const TABLES = ['state_events', 'state_event_days', 'billing_runs', 'billing_run_intervals'];
const COUNTERS = [
  'seq_scan',
  'seq_tup_read',
  'idx_scan',
  'idx_tup_fetch',
  'n_tup_ins',
  'n_tup_del',
  'vacuum_count',
  'autovacuum_count',
  'analyze_count',
  'autoanalyze_count',
] as const;

/** The tables' counters (pg_stat_user_tables, pg_statio_user_tables' heap and index reads). */
export type TableCounters = Record<string, Record<string, number>>;

/** A snapshot of {@link TableCounters} and the database's buffer hits, reads and temporary bytes. */
export async function tableCounters(db: SqlDatabase): Promise<TableCounters> {
  // Counters are sent to the statistics system when a transaction ends; read fresh ones.
  await db.query(`select pg_stat_clear_snapshot()`);
  const rows = await db.query<Record<string, string | number>>(
    `select t.relname, ${COUNTERS.map((c) => `coalesce(t.${c}, 0) as ${c}`).join(', ')},
            io.heap_blks_read, io.heap_blks_hit, io.idx_blks_read, io.idx_blks_hit,
            coalesce(io.toast_blks_read, 0) as toast_blks_read, coalesce(io.toast_blks_hit, 0) as toast_blks_hit,
            pg_total_relation_size(t.relid) as total_bytes
     from pg_stat_user_tables t join pg_statio_user_tables io using (relid)
     where t.relname = any($1::text[])
     union all
     select '(database)', 0, 0, 0, 0, tup_inserted, tup_deleted, 0, 0, 0, 0,
            blks_read, blks_hit, 0, 0, 0, temp_bytes, 0
     from pg_stat_database where datname = current_database()`,
    [TABLES],
  );
  const out: TableCounters = {};
  for (const r of rows) {
    const { relname, ...rest } = r;
    out[String(relname)] = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, Number(v)]));
  }
  return out;
}

/** `after - before`, counter by counter (sizes as they are after). */
export function counterDelta(before: TableCounters, after: TableCounters): TableCounters {
  const out: TableCounters = {};
  for (const [table, counters] of Object.entries(after)) {
    out[table] = Object.fromEntries(
      Object.entries(counters).map(([k, v]) => [
        k,
        k === 'total_bytes' ? v : v - (before[table]?.[k] ?? 0),
      ]),
    );
  }
  return out;
}
