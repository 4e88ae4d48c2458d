import type { Scope } from '@hourglass/platform-tenancy';
import { SuccessError } from '../success.error';
import {
  assetStageAt,
  customerStageAt,
  lostIn,
  stageMovement,
  type StageMovement,
} from './lifecycle-stages';
import type { LifecyclePorts, LifecycleStage, Touch, TouchOutcome } from './lifecycle.types';
import { dueDayOf, touchesDue, type TouchInputs } from './touch-rules';

const DAY_MS = 86_400_000;

/** A customer's stage at the end of a period, with the stage of each of its assets then. */
export interface CustomerStage {
  tenantId: string;
  stage: LifecycleStage;
  assets: Array<{ assetId: string; stage: LifecycleStage }>;
}

/** The lifecycle report of a period: each customer's stage at its end and the movement per stage. */
export interface LifecycleReport {
  from: string;
  to: string;
  /** Customers with a commissioned asset at `to`, lost ones left out, by tenant id. */
  customers: CustomerStage[];
  stages: StageMovement[];
}

/** Where {@link TouchCalendarService} keeps outcomes ({@link TouchOutcomeRepository} on SQL). */
export interface TouchOutcomeStore {
  outcomes(scope: Scope, touchIds: readonly string[]): Promise<Map<string, TouchOutcome>>;
  record(
    touchId: string,
    tenantId: string,
    outcome: Pick<TouchOutcome, 'outcome' | 'note'>,
    actor: string,
  ): Promise<void>;
}

/** What {@link TouchCalendarService} reads and writes. */
export interface TouchCalendarDependencies extends LifecyclePorts {
  outcomes: TouchOutcomeStore;
}

/** The lifecycle stages and the touch calendar (spec section 4), from the owners' data through ports. */
export class TouchCalendarService {
  constructor(private readonly deps: TouchCalendarDependencies) {}

  /** The touches due in `[from, to)` (ISO instants) in `scope`, each with its recorded outcome. */
  async touches(scope: Scope, from: string, to: string): Promise<Touch[]> {
    const due = touchesDue(await this.inputs(scope), Date.parse(from), Date.parse(to));
    const recorded = await this.deps.outcomes.outcomes(
      scope,
      due.map((t) => t.id),
    );
    return due.map((t) => ({ ...t, outcome: recorded.get(t.id) ?? null }));
  }

  /** Each customer's stage at `to` and the movement per stage since `from`, computed from the dates. */
  async stages(scope: Scope, from: string, to: string): Promise<LifecycleReport> {
    const { assets, standings, contracts } = await this.inputs(scope);
    const [fromMs, toMs] = [Date.parse(from), Date.parse(to)];
    const customers: CustomerStage[] = [];
    for (const tenantId of [...new Set(assets.map((a) => a.tenantId))].sort()) {
      const own = assets.filter((a) => a.tenantId === tenantId);
      const standing = standings.find((s) => s.tenantId === tenantId);
      const stage = customerStageAt(own, standing, toMs);
      if (
        stage === null ||
        lostIn(
          contracts.filter((c) => c.tenantId === tenantId),
          fromMs,
          toMs,
        )
      )
        continue;
      const staged = own.flatMap((a) => {
        const s = assetStageAt(a, standing, toMs);
        return s === null ? [] : [{ assetId: a.assetId, stage: s }];
      });
      customers.push({ tenantId, stage, assets: staged });
    }
    return {
      from,
      to,
      customers,
      stages: stageMovement(assets, standings, contracts, fromMs, toMs),
    };
  }

  /** Records the outcome of touch `id` (a touch the rules derive in `scope`; 404 otherwise). */
  async recordOutcome(
    scope: Scope,
    id: string,
    outcome: Pick<TouchOutcome, 'outcome' | 'note'>,
    actor: string,
  ): Promise<Touch> {
    const day = dueDayOf(id);
    const touch =
      day === null
        ? undefined
        : touchesDue(await this.inputs(scope), day, day + DAY_MS).find((t) => t.id === id);
    if (!touch) throw new SuccessError('TOUCH_NOT_FOUND', `no touch ${id}`);
    await this.deps.outcomes.record(id, touch.tenantId, outcome, actor);
    const [saved] = (await this.deps.outcomes.outcomes(scope, [id])).values();
    return { ...touch, outcome: saved ?? null };
  }

  private async inputs(scope: Scope): Promise<TouchInputs> {
    // Customer management is the provider's: a partner (even with assigned assets) sees none of it.
    if (scope.kind === 'partner') return { assets: [], standings: [], orders: [], contracts: [] };
    const [assets, standings, orders, contracts] = await Promise.all([
      this.deps.assets.assets(scope),
      this.deps.standing.standings(scope),
      this.deps.orders.open(scope),
      this.deps.contracts.contracts(scope, 0),
    ]);
    return { assets, standings, orders, contracts };
  }
}
