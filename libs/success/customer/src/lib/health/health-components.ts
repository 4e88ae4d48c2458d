import type { HealthAnswer, HealthAsset, HealthOrder, HealthPeriod } from './health.types';

const DAY_MS = 86_400_000;
/** A device silent for more than this is a warning sign (spec section 3). */
export const SILENCE_DAYS = 7;
/** How many of the latest NPS answers the score reads. */
export const LATEST_ANSWERS = 3;

/** Clamped to 0-100. */
export const clamp100 = (x: number) => Math.min(100, Math.max(0, x));
/** Rounded to 0.1. */
export const tenth = (x: number) => Math.round(x * 10) / 10;

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
/** Sums in a canonical order, so the result does not depend on the order inputs arrived in. */
const sum = (xs: number[]) => [...xs].sort((a, b) => a - b).reduce((s, x) => s + x, 0);

/**
 * Per period 100 when availability meets the target, minus 10 points per percentage point below
 * it (0 at 10 points below); the component is the mean over the periods with required time.
 */
export function availabilityComponent(periods: readonly HealthPeriod[]) {
  const rated = [...periods]
    .filter((p) => p.availabilityPct !== null)
    .sort(byKey((p) => `${p.contractId}\u0000${p.period}`))
    .map((p) => ({
      ...p,
      score: tenth(clamp100(100 - 10 * Math.max(0, p.targetPct - (p.availabilityPct ?? 0)))),
    }));
  const score = rated.length ? sum(rated.map((p) => p.score)) / rated.length : null;
  return { score, inputs: { periods: rated } };
}

/** Share of the fleet not at elevated risk, in %. */
export function riskComponent(assets: readonly HealthAsset[]) {
  const elevated = assets
    .filter((a) => a.elevatedRisk)
    .map((a) => a.assetId)
    .sort();
  const score = assets.length ? (100 * (assets.length - elevated.length)) / assets.length : null;
  return {
    score,
    inputs: {
      assets: assets.length,
      elevated: elevated.length,
      elevatedAssetIds: elevated.slice(0, 20),
    },
  };
}

/**
 * Operating hours of the last 90 days against the 90 before: 100 at a ratio of 1 or more, 0 at 0.5
 * or less, linear between (a 30 % fall scores 40). No hours before: 100 if it runs now, else null.
 */
export function usageComponent(assets: readonly HealthAsset[]) {
  const recent = sum(assets.map((a) => a.hoursRecent));
  const previous = sum(assets.map((a) => a.hoursPrevious));
  const ratio = previous > 0 ? recent / previous : null;
  const score = ratio !== null ? clamp100(200 * (ratio - 0.5)) : recent > 0 ? 100 : null;
  return {
    score,
    inputs: {
      hoursLast90Days: tenth(recent),
      hoursPrevious90Days: tenth(previous),
      ratio: ratio === null ? null : Math.round(ratio * 1000) / 1000,
    },
  };
}

/** 100 x (1 - (open + overdue) / assets), clamped: each open order weighs one asset, an overdue one two. */
export function ordersComponent(assets: number, orders: readonly HealthOrder[], asOfMs: number) {
  const overdue = orders.filter((o) => Date.parse(o.dueBy) < asOfMs).length;
  const score = assets ? clamp100(100 * (1 - (orders.length + overdue) / assets)) : null;
  return { score, inputs: { assets, open: orders.length, overdue } };
}

/** The mean of the latest {@link LATEST_ANSWERS} answers given up to `asOf`, x 10. */
export function npsComponent(answers: readonly HealthAnswer[], asOfMs: number) {
  const latest = answers
    .filter((a) => Date.parse(a.answeredAt) <= asOfMs)
    .sort((a, b) => b.answeredAt.localeCompare(a.answeredAt) || a.taskId.localeCompare(b.taskId))
    .slice(0, LATEST_ANSWERS);
  const score = latest.length ? (10 * sum(latest.map((a) => a.score))) / latest.length : null;
  return { score, inputs: { answers: latest } };
}

/** Share of assets heard from within the last {@link SILENCE_DAYS} days, in % (never heard: silent). */
export function silenceComponent(assets: readonly HealthAsset[], asOfMs: number) {
  const silent = assets
    .filter((a) => a.lastSeen === null || asOfMs - Date.parse(a.lastSeen) > SILENCE_DAYS * DAY_MS)
    .map((a) => a.assetId)
    .sort();
  const score = assets.length ? (100 * (assets.length - silent.length)) / assets.length : null;
  return {
    score,
    inputs: {
      assets: assets.length,
      silentOver7Days: silent.length,
      silentAssetIds: silent.slice(0, 20),
    },
  };
}
