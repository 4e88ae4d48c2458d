// npm run bench -- billing [--assets 10000] [--sql-assets 500] [--sql postgres|pglite|both|none]
//   [--contract-assets 100] [--days 30] [--every 60]   (see bench/README.md)
// A month of one-minute state data for a fleet: rated by the pure engine from memory (the reference,
// 200 histories shared by the fleet), then billed as users get it — BillingRunService.runAll over
// distinct histories stored in PostgreSQL and in PGlite, from reading events to stored runs.
import { cpus, loadavg } from 'node:os';
import { monthPeriod, withDefaultTerms, type ContractVersion } from '@hourglass/billing-uptime';
import {
  BenchUsageError,
  progress,
  type BenchArgs,
  type BenchOptions,
  type BenchResult,
} from './support/bench-contract';
import { FULL_SIZE_ASSETS, SQL_DEFAULT_ASSETS, billingResult } from './billing/billing-result';
import { runPureEngine } from './billing/pure-engine.phase';
import {
  checkDiskSpace,
  runSqlPhase,
  type SqlEngine,
  type SqlRunFigures,
} from './billing/sql-run.phase';

const TERMS = {
  tz: 'UTC',
  currency: 'EUR',
  ratePerHour: '120.00',
  slaTarget: '0.97',
  creditBands: [
    { lo: '0.95', hi: '0.97', pct: '0.05' },
    { lo: '0', hi: '0.95', pct: '0.15' },
  ],
};
/** The billing run's clock: an hour after the rated month (June 2026) ended, in its grace period. */
const RUN_AT = Date.parse('2026-07-01T01:00:00Z');

function sqlEngines(value: string | true | undefined): SqlEngine[] {
  const v = value === undefined ? 'both' : value;
  if (v === 'both') return ['postgres', 'pglite'];
  if (v === 'postgres' || v === 'pglite') return [v];
  if (v === 'none') return [];
  throw new BenchUsageError('--sql must be postgres, pglite, both or none');
}

/** Flags of `npm run bench -- billing` (`--help`). */
export const options: BenchOptions = {
  assets: `assets rated by the pure engine (default ${FULL_SIZE_ASSETS.toLocaleString('en')})`,
  'sql-assets': `assets billed through SQL (default ${SQL_DEFAULT_ASSETS.toLocaleString('en')} or --assets)`,
  sql: 'postgres | pglite | both | none (default both)',
  'contract-assets': 'assets per contract (default 100)',
  days: 'days of state data (default 30)',
  every: 'seconds between state samples (default 60)',
  'raw-assets':
    'assets whose month is stored as raw rows and compacted (default all --sql-assets); the others get day blocks packed in memory',
  'check-blocks':
    "also check that blocks packed in memory are the compactor's and give the same runs (needs every asset raw)",
  'contract-concurrency':
    "contracts BillingRunService.runAll rates at once (default the service's, 2; 1 = one after another)",
  'cpu-prof':
    'profile the bench process during the (last) timed runAll; the .cpuprofile goes to the temporary directory',
};

export async function run(args: BenchArgs): Promise<BenchResult> {
  const settings = {
    assets: args.number('assets', FULL_SIZE_ASSETS),
    sqlAssets: 0,
    days: args.number('days', 30),
    everySeconds: args.number('every', 60),
    contractAssets: Math.max(1, args.number('contract-assets', 100)),
    sql: sqlEngines(args.flags['sql']),
    rawAssets: 0,
    checkBlocks: args.flags['check-blocks'] !== undefined,
    cpuProf: args.boolean('cpu-prof'),
    contractConcurrency: Math.max(1, args.number('contract-concurrency', 2)),
  };
  settings.sqlAssets = args.number('sql-assets', Math.min(settings.assets, SQL_DEFAULT_ASSETS));
  settings.rawAssets = Math.min(settings.sqlAssets, args.number('raw-assets', settings.sqlAssets));
  if (settings.checkBlocks && settings.rawAssets < settings.sqlAssets)
    throw new BenchUsageError(
      '--check-blocks needs every asset raw (no --raw-assets below --sql-assets)',
    );
  if (loadavg()[0] > cpus().length * 0.5)
    progress(
      `warning: the machine is busy (load average ${loadavg()[0].toFixed(2)}): figures will be low`,
    );
  if (settings.sqlAssets < FULL_SIZE_ASSETS && settings.sql.length > 0)
    progress(
      `note: the SQL phases bill ${settings.sqlAssets} assets: their goals are claimed only at ${FULL_SIZE_ASSETS.toLocaleString('en')} (10,000 assets are reported as a linear extrapolation)`,
    );
  progress(`settings ${JSON.stringify(settings)}`);
  for (const engine of settings.sql) checkDiskSpace(engine, settings.sqlAssets, settings.rawAssets);
  const month = monthPeriod('UTC', '2026-06');
  const period = {
    ...month,
    endUs: Math.min(month.endUs, month.startUs + settings.days * 86_400e6),
  };
  const versions: ContractVersion[] = [
    {
      contractId: 'bench',
      version: 1,
      effectiveFromUs: 0,
      effectiveToUs: null,
      terms: withDefaultTerms(TERMS),
    },
  ];

  const pure = runPureEngine(settings, period, versions);
  const sql: SqlRunFigures[] = [];
  for (const engine of settings.sql) {
    // The SQL phases bill whole months; --days only shortens the pure engine's.
    sql.push(
      await runSqlPhase(engine, {
        assets: settings.sqlAssets,
        contractAssets: settings.contractAssets,
        period: month,
        nowMs: RUN_AT,
        terms: TERMS,
        rawAssets: settings.rawAssets,
        checkBlocks: settings.checkBlocks,
        cpuProf: settings.cpuProf,
        contractConcurrency: settings.contractConcurrency,
      }),
    );
  }
  return billingResult(settings, pure, sql, loadavg()[0]);
}
