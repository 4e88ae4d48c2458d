import type { SqlDatabase } from '@hourglass/platform-sql';
import { BillingRunService } from './billing-run.service';
import { BillingStores } from './billing-stores';

/** What {@link BillingRoundJob} needs. */
export interface BillingRoundJobDependencies {
  db: SqlDatabase;
  /** The billing stores over `db` (default: new ones). */
  stores?: BillingStores;
  /** Where a contract whose rating failed is reported (the round goes on with the others). */
  log?: (line: string) => void;
}

/**
 * One billing round, run periodically by the composition root (`HG_BILLING_INTERVAL_MS`): re-rates
 * the current and the previous period of every contract when something new arrived (drafts), and
 * finalises them after their grace period (`BillingRunService.runAll`).
 */
export class BillingRoundJob {
  private readonly runs: BillingRunService;

  constructor(deps: BillingRoundJobDependencies) {
    this.runs = new BillingRunService(deps.db, deps.stores ?? new BillingStores(deps.db), {
      log: deps.log,
    });
  }

  /** Runs one round; resolves with the number of billing runs written. */
  run(): Promise<number> {
    return this.runs.runAll();
  }
}
