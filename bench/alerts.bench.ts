// npm run bench -- alerts [--assets 100000] [--rounds 10] [--degrading-every 200] [--repeat 3]
// Score-to-decision throughput of the warning policy against a bare in-memory evaluation of the
// same policy (same process and run), then the KPI and parts-forecast queries over a year of order
// history for the same fleet, all on PostgreSQL (see bench/README.md, `alerts`).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { openRuntimeContext, startApi } from '@hourglass/runtime-services';
import { startPostgres } from '@hourglass/testing-services';
import {
  BenchUsageError,
  progress,
  type BenchArgs,
  type BenchOptions,
  type BenchResult,
} from './support/bench-contract';
import { alertsResult } from './alerts/alerts-result';
import { decisionPhase } from './alerts/decision.phase';
import { loadAssets, loadOrderHistory } from './alerts/order-history.loader';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { createFleetPlan, timeQuery } from './alerts/query.phase';
import { orderFiguresAb } from './alerts/order-figures.ab';
import { stateFiguresAb } from './alerts/state-figures.ab';

const TOKEN = 'bench-alerts-admin-token-0123456789abcdef';
const DAY_MS = 86_400_000;

/** Flags of `npm run bench -- alerts` (`--help`). */
export const options: BenchOptions = {
  assets: 'devices and turbofan assets in the fleet (default 100,000)',
  rounds: 'score-to-decision rounds, the first a warm-up (default 10, at least 6)',
  'degrading-every': 'every Nth asset degrades (default 200)',
  repeat: 'timed calls of each query after the warm-up, median kept (default 3)',
  skip: '"queries": only the fleet and the score-to-decision rounds',
};

export async function run(args: BenchArgs): Promise<BenchResult> {
  if (args.flags['skip'] !== undefined && args.flags['skip'] !== 'queries')
    throw new BenchUsageError('--skip takes queries');
  const settings = {
    assets: args.number('assets', 100_000),
    rounds: Math.max(6, args.number('rounds', 10)),
    degradingEvery: Math.max(1, args.number('degrading-every', 200)),
    repeat: Math.max(1, args.number('repeat', 3)),
    /** `--skip queries`: only the fleet and the score-to-decision rounds. */
    skipQueries: args.flags['skip'] === 'queries',
  };
  const busy = loadavg()[0] > cpus().length * 0.5;
  if (busy)
    progress(
      `warning: the machine is busy (load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores): figures will be noisy and low`,
    );
  progress(`settings ${JSON.stringify(settings)}`);
  const postgres = await startPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-alerts-'));
  const ctx = await openRuntimeContext(
    loadPlatformConfig({
      HG_DATABASE_URL: postgres.url,
      HG_DATA_DIR: dataDir,
      HG_HTTP_PORT: '0',
      HG_ADMIN_TOKEN: TOKEN,
      HG_SIMULATOR: 'off',
    }),
    () => undefined,
  );
  const api = await startApi(ctx, { port: 0 });
  try {
    const now = Date.now();
    const queries = settings.skipQueries
      ? null
      : await historyAndQueries(ctx.db, settings, now, `http://127.0.0.1:${api.port}`);
    if (settings.skipQueries)
      await loadAssets(ctx.db, settings.assets, new Date(now - 365 * DAY_MS).toISOString());
    progress('score-to-decision rounds');
    const ids = Array.from(
      { length: settings.assets },
      (_, i) => `bench-${String(i + 1).padStart(6, '0')}`,
    );
    const decisions = await decisionPhase(ctx.db, ids, settings.rounds, settings.degradingEvery);
    return alertsResult({ settings, queries, decisions, busyAtStart: busy });
  } finally {
    await api.close();
    await ctx.db.close();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A year of history for the fleet, then the KPI and forecast queries through the API. */
async function historyAndQueries(
  db: SqlDatabase,
  settings: { assets: number; repeat: number },
  now: number,
  baseUrl: string,
) {
  progress(`loading a year of service history for ${settings.assets} assets into PostgreSQL`);
  const loaded = await loadOrderHistory(db, settings.assets, now, progress);
  progress(`loaded ${JSON.stringify(loaded)}`);
  await createFleetPlan(baseUrl, TOKEN, new Date(now - 200 * DAY_MS).toISOString());
  const from = new Date(now - 365 * DAY_MS).toISOString();
  const to = new Date(now).toISOString();
  progress(
    'the order figures statement before and after migrations 74/75, and the state side alone',
  );
  const orderFigures = await orderFiguresAb(db, from, to, settings.repeat);
  progress('the state side from the events (before StateFiguresQuery) and in SQL, interleaved');
  const stateFigures = await stateFiguresAb(db, from, to, settings.repeat);
  progress('queries through the REST API');
  const kpis = await timeQuery(baseUrl, TOKEN, `/api/kpis?from=${from}&to=${to}`, settings.repeat);
  const forecasts = [];
  for (const days of [30, 60, 90])
    forecasts.push(
      await timeQuery(baseUrl, TOKEN, `/api/parts/forecast?horizonDays=${days}`, settings.repeat),
    );
  return { loaded, kpis, forecasts, orderFigures, stateFigures };
}
