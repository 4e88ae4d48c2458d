import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import type { TelemetryStore } from '@hourglass/telemetry-store';
import { readMetricHistory } from './metric-history.reader';
import type { MaintenanceRule } from './rule';
import { evaluateSamples, INITIAL_ARM_STATE, type RuleFiring } from './rule-evaluator';
import type { RuleRepository } from './rule.repository';
import type { RuleStateRepository, StoredRuleState } from './rule-state.repository';
import type { FleetAsset, FleetAssets, OrderRaiser } from './service-loop.ports';

/** What a rule round works with. */
export interface RuleEvaluationDeps {
  rules: Pick<RuleRepository, 'list'>;
  states: Pick<RuleStateRepository, 'states' | 'save' | 'recordFiring'>;
  assets: FleetAssets;
  telemetry: Pick<TelemetryStore, 'query'>;
  orders: OrderRaiser;
  clock?: () => Date;
  log?: (line: string) => void;
}

/** Bounds of a rule round (documented defaults). */
export interface RuleEvaluationOptions {
  /** How far back a rule reads on an asset it has not seen yet (default 1 h). */
  lookbackMs: number;
  /** Most samples read per rule and asset in one round; the next round goes on from there (default 10,000). */
  maxSamplesPerAsset: number;
}

export const DEFAULT_RULE_EVALUATION_OPTIONS: RuleEvaluationOptions = {
  lookbackMs: 3_600_000,
  maxSamplesPerAsset: 10_000,
};

/** What one round did. */
export interface RuleRoundResult {
  evaluated: number;
  firings: number;
  ordersCreated: number;
}

/**
 * One round of rule conditions: every enabled rule reads the new telemetry of each asset of its type
 * (from where the last round stopped), runs it through the rule's hysteresis, and raises an order
 * through {@link OrderRaiser} for each firing. The state is stored per rule and asset, so a restart
 * goes on where it left off and a sustained breach fires once.
 */
export class RuleEvaluationJob {
  private readonly options: RuleEvaluationOptions;

  constructor(
    private readonly deps: RuleEvaluationDeps,
    options: Partial<RuleEvaluationOptions> = {},
  ) {
    this.options = { ...DEFAULT_RULE_EVALUATION_OPTIONS, ...options };
  }

  async run(): Promise<RuleRoundResult> {
    const now = (this.deps.clock ?? (() => new Date()))().getTime();
    const result: RuleRoundResult = { evaluated: 0, firings: 0, ordersCreated: 0 };
    for (const rule of await this.deps.rules.list(PROVIDER_SCOPE, { enabled: true })) {
      const scope = rule.tenantId === null ? PROVIDER_SCOPE : tenantScope(rule.tenantId);
      const states = await this.deps.states.states(rule.id);
      for (const asset of await this.deps.assets.ofType(scope, rule.assetType)) {
        const fired = await this.evaluate(rule, asset, states.get(asset.id), now);
        result.evaluated++;
        result.firings += fired.length;
        result.ordersCreated += fired.filter((f) => f).length;
      }
    }
    return result;
  }

  /** Evaluates one rule on one asset; one entry per firing, true when it created an order. */
  private async evaluate(
    rule: MaintenanceRule,
    asset: FleetAsset,
    stored: StoredRuleState | undefined,
    now: number,
  ): Promise<boolean[]> {
    const from = Math.max(stored?.evaluatedTo ?? 0, now - this.options.lookbackMs);
    const { samples } = await readMetricHistory(
      this.deps.telemetry,
      asset.id,
      rule.condition.metric,
      {
        from,
        to: now,
        limit: this.options.maxSamplesPerAsset,
      },
    );
    const { firings, state } = evaluateSamples(
      rule.condition,
      stored ?? INITIAL_ARM_STATE,
      samples,
    );
    const created: boolean[] = [];
    for (const firing of firings) created.push(await this.raise(rule, asset, firing));
    const evaluatedTo = samples.length > 0 ? samples[samples.length - 1].ts + 1 : from;
    await this.deps.states.save(rule.id, asset.id, { ...state, evaluatedTo });
    return created;
  }

  private async raise(
    rule: MaintenanceRule,
    asset: FleetAsset,
    firing: RuleFiring,
  ): Promise<boolean> {
    const c = rule.condition;
    const order = await this.deps.orders.raise({
      tenantId: asset.tenantId,
      assetId: asset.id,
      component: rule.component,
      source: 'RULE',
      sourceRef: rule.id,
      priority: rule.priority,
      dueBy: new Date(firing.at),
      reason: `rule "${rule.name}": ${c.metric} ${c.operator === 'ABOVE' ? '>' : '<'} ${c.limit} since ${new Date(firing.breachSince).toISOString()} (${firing.value})`,
    });
    await this.deps.states.recordFiring(rule.id, asset.id, firing, order);
    this.deps.log?.(
      `rules: ${rule.name} fired on ${asset.id}${order ? `: order ${order.orderId}${order.created ? '' : ' (already open)'}` : ''}`,
    );
    return order?.created ?? false;
  }
}
