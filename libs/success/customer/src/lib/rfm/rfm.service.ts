import { PROVIDER_SCOPE, scopeAllows, type Scope } from '@hourglass/platform-tenancy';
import type { CustomerFleetPort } from '../portfolio/portfolio.ports';
import { rfmEntries } from './rfm-scores';
import type { PaidServiceEvent, RfmEntry, SegmentRule } from './rfm.types';

const DAY_MS = 86_400_000;

/** Paid service events (billing's issued invoices; billable orders and parts once they carry a price). */
export interface PaidServiceEventPort {
  /** Events of every customer in `scope` earned in `(fromMs, toMs]`. */
  paid(scope: Scope, fromMs: number, toMs: number): Promise<PaidServiceEvent[]>;
}

/** What {@link RfmService} reads. */
export interface RfmDependencies {
  fleet: CustomerFleetPort;
  paid: PaidServiceEventPort;
  rules: { get(): Promise<{ rules: SegmentRule[] }> };
  clock?: () => number;
}

/** RFM segmentation (spec section 7): in the provider's rolling 12 months, with the segment rules. */
export interface RfmSegmentation {
  asOf: string;
  from: string;
  rules: SegmentRule[];
  items: RfmEntry[];
}

/** RFM scores and segments per customer, ranked among all the provider's customers. */
export class RfmService {
  private readonly clock: () => number;

  constructor(private readonly deps: RfmDependencies) {
    this.clock = deps.clock ?? Date.now;
  }

  /**
   * The segmentation of every customer, ranked among all of the provider's (a customer's rank needs
   * the others), then narrowed to what `scope` may see.
   */
  async segments(scope: Scope): Promise<RfmSegmentation> {
    const asOfMs = this.clock();
    const fromMs = asOfMs - 365 * DAY_MS;
    const [assets, events, { rules }] = await Promise.all([
      this.deps.fleet.assets(PROVIDER_SCOPE),
      this.deps.paid.paid(PROVIDER_SCOPE, fromMs, asOfMs),
      this.deps.rules.get(),
    ]);
    const tenants = [
      ...new Set([...assets.map((a) => a.tenantId), ...events.map((e) => e.tenantId)]),
    ];
    return {
      asOf: new Date(asOfMs).toISOString(),
      from: new Date(fromMs).toISOString(),
      rules,
      items: rfmEntries(tenants, events, asOfMs, rules).filter((e) =>
        scopeAllows(scope, e.tenantId),
      ),
    };
  }
}
