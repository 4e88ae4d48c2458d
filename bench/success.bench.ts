// npm run bench -- success [--customers 10000] [--assets-per-customer 10] [--hour-days 180] [--sample 50]
// Health, churn, RFM and the value matrix for a provider's whole book on PostgreSQL, through the
// services and adapters the API wires, against a per-customer loop over the same services measured
// on a sample in the same run; and a single customer's view (see bench/README.md, `success`).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { billingPaidEvents, contractEconomics, customerHealthAdapters } from '@hourglass/api-http';
import { BillingStores, RunDayRollupJob } from '@hourglass/billing-records';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { openRuntimeContext } from '@hourglass/runtime-services';
import {
  ChurnWarningService,
  CustomerHealthService,
  MatrixThresholdRepository,
  NpsAnswerRepository,
  PortfolioPass,
  PortfolioReader,
  RfmService,
  SegmentRuleRepository,
  ValueMatrixService,
} from '@hourglass/success-customer';
import { startPostgres } from '@hourglass/testing-services';
import {
  progress,
  type BenchArgs,
  type BenchOptions,
  type BenchResult,
} from './support/bench-contract';
import { percentile, round } from './support/stats';
import { loadBook } from './success/portfolio.loader';

/** The flags `npm run bench -- success --help` lists; any other is a usage error (exit 2). */
export const options: BenchOptions = {
  customers: 'customers in the book (default 10,000; at least 10)',
  'assets-per-customer': 'assets per customer (default 10)',
  'hour-days': 'days of operating hours stored per asset (default 180, what the figures read)',
  sample: 'customers timed one by one for the loop reference and the single view (default 50)',
};

const PORTFOLIO_GOAL_S = 10;
const CUSTOMER_GOAL_MS = 100;

/** Wraps each port's methods to add their wall time to `spent[port]`. */
function timedPorts<T extends object>(ports: T, spent: Record<string, number>): T {
  const timed: Record<string, unknown> = {};
  for (const [name, port] of Object.entries(ports)) {
    // Plain port objects only: a repository instance (the NPS answers) keeps its methods on its prototype.
    if (Object.getPrototypeOf(port) !== Object.prototype) {
      timed[name] = port;
      continue;
    }
    const wrapped: Record<string, unknown> = {};
    for (const key of Object.keys(port) as Array<keyof typeof port>) {
      const fn = port[key] as unknown;
      wrapped[key as string] =
        typeof fn === 'function'
          ? async (...args: unknown[]) => {
              const [s, value] = await seconds(() => fn.apply(port, args));
              spent[name] = (spent[name] ?? 0) + s;
              return value;
            }
          : fn;
    }
    timed[name] = wrapped;
  }
  return timed as T;
}

/**
 * sha256 of the whole-book answers with instants blanked (the book is loaded relative to the run's
 * clock): equal between runs of the same size, before and after a change that must keep the figures.
 */
const digest = (answers: unknown) =>
  createHash('sha256')
    .update(
      JSON.stringify(answers, (_, v) => (typeof v === 'string' && ISO_INSTANT.test(v) ? '' : v)),
    )
    .digest('hex')
    .slice(0, 16);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

const seconds = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
  const t = process.hrtime.bigint();
  const value = await work();
  return [Number(process.hrtime.bigint() - t) / 1e9, value];
};

export async function run(args: BenchArgs): Promise<BenchResult> {
  const settings = {
    customers: Math.max(10, args.number('customers', 10_000)),
    assetsPerCustomer: Math.max(1, args.number('assets-per-customer', 10)),
    hourDays: Math.max(1, args.number('hour-days', 180)),
    sample: Math.max(5, args.number('sample', 50)),
  };
  const load = loadavg()[0];
  const busy = load > cpus().length * 0.5;
  if (busy)
    progress(
      `warning: the machine is busy (load average ${load.toFixed(2)} on ${cpus().length} cores)`,
    );
  progress(`settings ${JSON.stringify(settings)}`);
  const postgres = await startPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-success-'));
  const ctx = await openRuntimeContext(
    loadPlatformConfig({
      HG_DATABASE_URL: postgres.url,
      HG_DATA_DIR: dataDir,
      HG_ADMIN_TOKEN: 'bench-success-admin-token-0123456789abcdef',
      HG_SIMULATOR: 'off',
    }),
    () => undefined,
  );
  try {
    const now = Date.now();
    const loaded = await loadBook(ctx.db, settings, now, progress);
    progress(`loaded ${JSON.stringify(loaded)}`);
    const db = ctx.db;
    // The day rollup of RUN time, one pass as the platform's billing runner makes it
    // (HG_BILLING_RUN_DAYS_MARGIN_MS's default margin), timed apart from the figures. No grace for
    // inserts in flight: the book's load has committed (with it, the pass would leave every day
    // loaded in the last minute to the walk).
    const [rollupS, rolledDays] = await seconds(() =>
      new RunDayRollupJob(db, { graceMs: 0 }).roll(),
    );
    progress(`run-day rollup: ${rolledDays} asset-days in ${rollupS.toFixed(1)} s`);
    const stores = new BillingStores(db);
    const clock = () => now;
    const spent: Record<string, number> = {};
    const ports = timedPorts(
      { ...customerHealthAdapters(db, stores), answers: new NpsAnswerRepository(db) },
      spent,
    );
    // One pass shares one load of the book between health, churn and the matrix (same instant).
    const portfolios = new PortfolioPass(new PortfolioReader(ports));
    const health = new CustomerHealthService({ ...ports, clock, portfolios });
    const churn = new ChurnWarningService({ ...ports, clock, portfolios });
    const rfm = new RfmService({
      fleet: ports.fleet,
      paid: billingPaidEvents(stores),
      rules: new SegmentRuleRepository(db),
      clock,
    });
    const matrix = new ValueMatrixService({
      health,
      economics: contractEconomics(db, stores),
      thresholds: new MatrixThresholdRepository(db),
      clock,
    });

    progress('whole book: health, churn, RFM, matrix');
    const [healthS, scored] = await seconds(() => health.portfolio(PROVIDER_SCOPE));
    const [churnS, warnings] = await seconds(() => churn.warnings(PROVIDER_SCOPE));
    const [rfmS, segments] = await seconds(() => rfm.segments(PROVIDER_SCOPE));
    const [matrixS, placed] = await seconds(() => matrix.matrix(PROVIDER_SCOPE));
    const portfolioS = healthS + churnS + rfmS + matrixS;
    const portSeconds = Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, round(v, 2)]));
    progress(`time in the ports over the whole book: ${JSON.stringify(portSeconds)}`);
    progress(`whole book ${portfolioS.toFixed(1)} s`);

    // A single customer's view (health, then its churn warnings) and the per-customer loop reference.
    const step = Math.max(1, Math.floor(settings.customers / settings.sample));
    const sample = scored.filter((_, i) => i % step === 0).slice(0, settings.sample);
    const viewsMs: number[] = [];
    for (const c of sample) {
      const [s] = await seconds(async () => {
        await health.customer(PROVIDER_SCOPE, c.tenantId);
        await churn.warnings(PROVIDER_SCOPE, c.tenantId);
      });
      viewsMs.push(s * 1000);
    }
    const perCustomerMs = viewsMs.reduce((a, b) => a + b, 0) / viewsMs.length;
    // The loop covers health and churn only (RFM ranks need every customer; the matrix adds revenue).
    const loopS = (perCustomerMs / 1000) * scored.length;
    const oursHealthChurnS = healthS + churnS;
    return {
      bench: 'success',
      figures: {
        customers: scored.length,
        assets: loaded.assets,
        portfolioSeconds: round(portfolioS, 2),
        healthSeconds: round(healthS, 2),
        churnSeconds: round(churnS, 2),
        rfmSeconds: round(rfmS, 2),
        matrixSeconds: round(matrixS, 2),
        rollupSeconds: round(rollupS, 2),
        rollupAssetDays: rolledDays,
        rollupMsPerAssetDay: round((rollupS * 1000) / Math.max(1, rolledDays), 4),
        customerViewMedianMs: round(percentile(viewsMs, 50), 1),
        customerViewP95Ms: round(percentile(viewsMs, 95), 1),
        perCustomerLoopSecondsExtrapolated: round(loopS, 1),
        warnings: warnings.length,
        segmented: segments.items.length,
        placedCustomers: placed.customers.length,
        figuresDigest: digest([scored, warnings, segments, placed]),
      },
      ratios: {
        healthAndChurnVsPerCustomerLoop: round(loopS / oursHealthChurnS, 2),
      },
      goals: {
        portfolioUnder10s: portfolioS < PORTFOLIO_GOAL_S,
        customerViewUnder100ms: (percentile(viewsMs, 95) ?? Infinity) < CUSTOMER_GOAL_MS,
      },
      details: {
        settings,
        loaded,
        sampleSize: sample.length,
        /** Seconds spent in each port over the four whole-book calls (ports run in parallel). */
        portSeconds,
        loadAverageAtStart: round(load, 2),
        busyAtStart: busy,
      },
    };
  } finally {
    await ctx.db.close();
    await ctx.telemetry.close();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
