import type { Scope } from '@hourglass/platform-tenancy';
import type { TelemetryStore } from '@hourglass/telemetry-store';
import { readMetricHistory } from './metric-history.reader';
import type { RuleCondition } from './rule';
import { backtestRule, type RuleBacktestResult } from './rule-backtest';
import type { FleetAssets } from './service-loop.ports';

/** Bounds of a backtest (documented defaults). */
export interface RuleBacktestOptions {
  /** Most samples read per asset (default 100,000; `truncated` says when an asset had more). */
  maxSamplesPerAsset: number;
  /** Most assets read (default 1,000, in id order). */
  maxAssets: number;
}

export const DEFAULT_RULE_BACKTEST_OPTIONS: RuleBacktestOptions = {
  maxSamplesPerAsset: 100_000,
  maxAssets: 1_000,
};

/** What a backtest replays: a condition on the assets of a type (or some of them) over a range. */
export interface RuleBacktestRequest {
  assetType: string;
  condition: RuleCondition;
  from: Date;
  to: Date;
  /** Only these assets of the type (default: all of them in scope). */
  assetIds?: readonly string[];
}

/** Tries a rule against stored telemetry before it is saved: how often it would have fired. */
export class RuleBacktestService {
  private readonly options: RuleBacktestOptions;

  constructor(
    private readonly assets: FleetAssets,
    private readonly telemetry: Pick<TelemetryStore, 'query'>,
    options: Partial<RuleBacktestOptions> = {},
  ) {
    this.options = { ...DEFAULT_RULE_BACKTEST_OPTIONS, ...options };
  }

  async backtest(scope: Scope, request: RuleBacktestRequest): Promise<RuleBacktestResult> {
    const wanted = request.assetIds ? new Set(request.assetIds) : null;
    const assets = (await this.assets.ofType(scope, request.assetType)).filter(
      (a) => !wanted || wanted.has(a.id),
    );
    const chosen = assets.slice(0, this.options.maxAssets);
    const histories = [];
    for (const asset of chosen) {
      const read = await readMetricHistory(this.telemetry, asset.id, request.condition.metric, {
        from: request.from.getTime(),
        to: request.to.getTime(),
        limit: this.options.maxSamplesPerAsset,
      });
      histories.push({ assetId: asset.id, ...read });
    }
    const result = backtestRule(request.condition, histories, request);
    return { ...result, truncated: result.truncated || assets.length > chosen.length };
  }
}
