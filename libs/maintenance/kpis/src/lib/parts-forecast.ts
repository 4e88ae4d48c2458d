import { demandInterval, type IntervalMethod, type DemandTrial } from './poisson-binomial';

/** An asset's probability of failing within the model's horizon (risk scoring). */
export interface AssetFailureRisk {
  assetId: string;
  assetType: string;
  /** The component the asset type's warning policy replaces on a failure. */
  component: string;
  probability: number;
  horizonDays: number;
}

/** A plan's order falling due within the forecast horizon. */
export interface PlannedReplacement {
  assetId: string;
  assetType: string;
  component: string;
}

/** One line of a bill of materials. */
export interface BomLine {
  assetType: string;
  component: string;
  partNumber: string;
  quantity: number;
}

/** Forecast demand of one part over the horizon (90 % interval). */
export interface PartForecast {
  partNumber: string;
  expected: number;
  low: number;
  high: number;
  method: IntervalMethod;
}

/** What the forecast is computed from. */
export interface PartsForecastInput {
  horizonDays: number;
  risks: readonly AssetFailureRisk[];
  plans: readonly PlannedReplacement[];
  bom: readonly BomLine[];
}

/**
 * The probability over `horizonDays` from one over the model's horizon, assuming a constant hazard
 * within and beyond it: p_h = 1 - (1 - p)^(h / H). Honest for h <= H; beyond H it extrapolates.
 */
export function scaleProbability(p: number, modelHorizonDays: number, horizonDays: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return 1 - Math.pow(1 - p, horizonDays / modelHorizonDays);
}

const key = (assetType: string, component: string) => `${assetType}\u0000${component}`;
const assetKey = (assetId: string, component: string) => `${assetId}\u0000${component}`;

/**
 * Expected replacements per part over the horizon: each asset's failure probability in the horizon
 * times its component's parts, plus the parts of the plans falling due (probability 1; an asset
 * whose component a plan replaces anyway counts once, with probability 1), with a 90 % interval of
 * the Poisson-binomial count (`demandInterval`).
 */
export function forecastParts(input: PartsForecastInput): PartForecast[] {
  const bom = new Map<string, BomLine[]>();
  for (const line of input.bom)
    bom.set(key(line.assetType, line.component), [
      ...(bom.get(key(line.assetType, line.component)) ?? []),
      line,
    ]);
  const trials = new Map<string, DemandTrial[]>();
  const add = (assetType: string, component: string, p: number) => {
    for (const line of bom.get(key(assetType, component)) ?? []) {
      const list = trials.get(line.partNumber) ?? [];
      list.push({ p, quantity: line.quantity });
      trials.set(line.partNumber, list);
    }
  };
  const planned = new Set(input.plans.map((p) => assetKey(p.assetId, p.component)));
  for (const plan of input.plans) add(plan.assetType, plan.component, 1);
  for (const risk of input.risks) {
    if (planned.has(assetKey(risk.assetId, risk.component))) continue;
    add(
      risk.assetType,
      risk.component,
      scaleProbability(risk.probability, risk.horizonDays, input.horizonDays),
    );
  }
  return [...trials.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([partNumber, list]) => ({ partNumber, ...demandInterval(list) }));
}
