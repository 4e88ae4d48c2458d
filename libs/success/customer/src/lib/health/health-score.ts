import {
  availabilityComponent,
  npsComponent,
  ordersComponent,
  riskComponent,
  silenceComponent,
  tenth,
  usageComponent,
} from './health-components';
import {
  DEFAULT_HEALTH_WEIGHTS,
  type HealthBand,
  type HealthComponent,
  type HealthComponentName,
  type HealthInputs,
  type HealthScore,
  type HealthWeights,
} from './health.types';

/** The band of a score: healthy >= 70, watch 40-69, at risk < 40. */
export function healthBand(score: number): HealthBand {
  if (score >= 70) return 'HEALTHY';
  if (score >= 40) return 'WATCH';
  return 'AT_RISK';
}

/** Throws when a weight is negative or not finite, or all are zero. */
export function checkWeights(weights: HealthWeights): HealthWeights {
  const values = Object.values(weights);
  if (values.some((w) => !Number.isFinite(w) || w < 0) || values.every((w) => w === 0))
    throw new RangeError('health weights must be finite, non-negative and not all zero');
  return weights;
}

/**
 * The customer health score (spec section 3): the weighted mean of the components that have
 * inputs, each 0-100 and shown with its inputs; rounded to 0.1.
 */
export function healthScore(
  inputs: HealthInputs,
  weights: HealthWeights = DEFAULT_HEALTH_WEIGHTS,
): HealthScore {
  const asOfMs = Date.parse(inputs.asOf);
  const parts: Array<[HealthComponentName, { score: number | null; inputs: object }]> = [
    ['availability', availabilityComponent(inputs.periods)],
    ['risk', riskComponent(inputs.assets)],
    ['usage', usageComponent(inputs.assets)],
    ['orders', ordersComponent(inputs.assets.length, inputs.openOrders, asOfMs)],
    ['nps', npsComponent(inputs.answers, asOfMs)],
    ['silentDevices', silenceComponent(inputs.assets, asOfMs)],
  ];
  const components: HealthComponent[] = parts.map(([name, c]) => ({
    name,
    score: c.score === null ? null : tenth(c.score),
    weight: weights[name],
    inputs: c.inputs as Record<string, unknown>,
  }));
  let weighted = 0;
  let total = 0;
  for (const [name, c] of parts) {
    if (c.score === null) continue;
    weighted += weights[name] * c.score;
    total += weights[name];
  }
  const score = total > 0 ? tenth(weighted / total) : null;
  return { score, band: score === null ? null : healthBand(score), components };
}
