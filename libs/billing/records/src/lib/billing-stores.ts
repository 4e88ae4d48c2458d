import { AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { BillingCorrectionRepository } from './billing-correction.repository';
import { BillingRunRepository } from './billing-run.repository';
import { ContractAuditRepository } from './contract-audit.repository';
import { ContractCalendarRepository } from './contract-calendar.repository';
import { ContractChangeQuery } from './contract-change.query';
import { ContractVersionRepository } from './contract-version.repository';
import { ContractRepository } from './contract.repository';
import { PeriodEventReader } from './period-events.reader';
import { StateEventRepository } from './state-event.repository';

/** The repositories billing reads and writes, over one database. */
export class BillingStores {
  readonly contracts: ContractRepository;
  readonly versions: ContractVersionRepository;
  readonly calendar: ContractCalendarRepository;
  readonly audit: ContractAuditRepository;
  readonly events: StateEventRepository;
  /** A period's events as a run reads them: a page of assets per statement, into engine columns. */
  readonly periodEvents: PeriodEventReader;
  readonly runs: BillingRunRepository;
  readonly corrections: BillingCorrectionRepository;
  /** Whether a contract's billing inputs changed (the health cache's fingerprint). */
  readonly changes: ContractChangeQuery;
  /** The asset registry (devices), read for the assets contracts cover. */
  readonly assets: AssetRepository;

  constructor(readonly db: SqlDatabase) {
    this.assets = new AssetRepository(db);
    this.contracts = new ContractRepository(db, this.assets);
    this.versions = new ContractVersionRepository(db);
    this.calendar = new ContractCalendarRepository(db);
    this.audit = new ContractAuditRepository(db);
    this.events = new StateEventRepository(db);
    this.periodEvents = new PeriodEventReader(db);
    this.runs = new BillingRunRepository(db);
    this.corrections = new BillingCorrectionRepository(db, this.assets);
    this.changes = new ContractChangeQuery(db);
  }
}
