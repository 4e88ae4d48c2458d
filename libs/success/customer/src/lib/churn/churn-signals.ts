import { SILENCE_DAYS } from '../health/health-components';
import type { HealthInputs } from '../health/health.types';
import type { CustomerContract, ForeignRepair } from '../portfolio/portfolio.ports';
import type { ChurnRisk, ChurnSignal, ChurnSignalKind, ChurnWeights } from './churn.types';

const DAY_MS = 86_400_000;
/** Window of the recent-answer, repair and contract-end signals. */
export const CHURN_WINDOW_DAYS = 90;

/** What the churn signals of one subject read. */
export interface ChurnInputs {
  inputs: HealthInputs;
  contracts: readonly CustomerContract[];
  repairs: readonly ForeignRepair[];
}

type Evidence = Record<string, unknown> | null;
const sorted = (xs: string[]) => [...xs].sort();
const sum = (xs: number[]) => [...xs].sort((a, b) => a - b).reduce((s, x) => s + x, 0);

/** Operating hours down 30 % or more over the last 90 days against the 90 before. */
function usageDown({ inputs }: ChurnInputs): Evidence {
  const recent = sum(inputs.assets.map((a) => a.hoursRecent));
  const previous = sum(inputs.assets.map((a) => a.hoursPrevious));
  if (previous <= 0 || recent > 0.7 * previous) return null;
  return {
    hoursLast90Days: Math.round(recent * 10) / 10,
    hoursPrevious90Days: Math.round(previous * 10) / 10,
    changePct: Math.round((1000 * (recent - previous)) / previous) / 10,
  };
}

/** Devices silent for more than 7 days (never heard from counts as silent). */
function devicesSilent({ inputs }: ChurnInputs, asOfMs: number): Evidence {
  const silent = inputs.assets
    .filter((a) => a.lastSeen === null || asOfMs - Date.parse(a.lastSeen) > SILENCE_DAYS * DAY_MS)
    .map((a) => a.assetId);
  return silent.length
    ? { silent: silent.length, of: inputs.assets.length, assetIds: sorted(silent).slice(0, 20) }
    : null;
}

/** A contract below its availability target in 2 of its last 3 billed periods. */
function availabilityBelowTarget({ inputs }: ChurnInputs): Evidence {
  const below = new Map<
    string,
    Array<{ period: string; availabilityPct: number; targetPct: number }>
  >();
  for (const p of inputs.periods) {
    if (p.availabilityPct === null || p.availabilityPct >= p.targetPct) continue;
    const list = below.get(p.contractId) ?? [];
    list.push({ period: p.period, availabilityPct: p.availabilityPct, targetPct: p.targetPct });
    below.set(p.contractId, list);
  }
  const missed = [...below.entries()]
    .filter(([, periods]) => periods.length >= 2)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([contractId, periods]) => ({
      contractId,
      periods: periods.sort((a, b) => b.period.localeCompare(a.period)),
    }));
  return missed.length ? { contracts: missed } : null;
}

/** An NPS detractor answer (0-6) in the last 90 days. */
function npsDetractor({ inputs }: ChurnInputs, asOfMs: number): Evidence {
  const detractors = inputs.answers
    .filter((a) => a.score <= 6)
    .filter((a) => {
      const at = Date.parse(a.answeredAt);
      return at <= asOfMs && at > asOfMs - CHURN_WINDOW_DAYS * DAY_MS;
    })
    .map((a) => ({ taskId: a.taskId, score: a.score, answeredAt: a.answeredAt }))
    .sort((a, b) => b.answeredAt.localeCompare(a.answeredAt) || a.taskId.localeCompare(b.taskId));
  return detractors.length ? { answers: detractors } : null;
}

/** Parts replaced with no order of ours in the last 90 days. */
function ordersElsewhere({ repairs }: ChurnInputs, asOfMs: number): Evidence {
  const seen = repairs
    .filter((r) => {
      const at = Date.parse(r.at);
      return at <= asOfMs && at > asOfMs - CHURN_WINDOW_DAYS * DAY_MS;
    })
    .map((r) => ({
      assetId: r.assetId,
      component: r.component,
      partNumber: r.partNumber,
      at: r.at,
    }))
    .sort((a, b) => b.at.localeCompare(a.at) || a.assetId.localeCompare(b.assetId));
  return seen.length ? { repairs: seen.slice(0, 20), count: seen.length } : null;
}

/** A contract ending within 90 days with no renewal (an end is recorded and no later version follows it). */
function contractEnding({ contracts }: ChurnInputs, asOfMs: number): Evidence {
  const ending = contracts
    .flatMap((c) =>
      c.endsAt === null
        ? []
        : [{ contractId: c.contractId, endsAt: c.endsAt, ms: Date.parse(c.endsAt) }],
    )
    .filter((c) => c.ms > asOfMs && c.ms <= asOfMs + CHURN_WINDOW_DAYS * DAY_MS)
    .sort((a, b) => a.ms - b.ms || a.contractId.localeCompare(b.contractId))
    .map(({ contractId, endsAt, ms }) => ({
      contractId,
      endsAt,
      daysLeft: Math.ceil((ms - asOfMs) / DAY_MS),
    }));
  return ending.length ? { contracts: ending } : null;
}

const RULES: ReadonlyArray<[ChurnSignalKind, (i: ChurnInputs, asOfMs: number) => Evidence]> = [
  ['CONTRACT_ENDING', contractEnding],
  ['USAGE_DOWN', usageDown],
  ['DEVICES_SILENT', devicesSilent],
  ['AVAILABILITY_BELOW_TARGET', availabilityBelowTarget],
  ['ORDERS_ELSEWHERE', ordersElsewhere],
  ['NPS_DETRACTOR', npsDetractor],
];

/** The churn signals present for one subject (spec section 5), each with its evidence. */
export function churnSignals(i: ChurnInputs, weights: ChurnWeights): ChurnSignal[] {
  const asOfMs = Date.parse(i.inputs.asOf);
  return RULES.flatMap(([kind, rule]) => {
    const evidence = rule(i, asOfMs);
    return evidence ? [{ kind, weight: weights[kind], evidence }] : [];
  });
}

/** HIGH at 5 points or more, MEDIUM at 3 or more, else LOW. */
export function churnRisk(points: number): ChurnRisk {
  if (points >= 5) return 'HIGH';
  if (points >= 3) return 'MEDIUM';
  return 'LOW';
}
