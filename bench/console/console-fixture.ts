import type { AssetResponse } from '@hourglass/contracts-api';

const STATES = ['RUN', 'RUN', 'RUN', 'STANDBY', 'FAULT', 'CUSTOMER_STOP'] as const;
const HOUR_MS = 3_600_000;

/** `bench-00001` ... : ids of the bench fleet. */
export const assetId = (i: number) => `bench-${String(i + 1).padStart(5, '0')}`;

/**
 * A fleet of `count` assets as `GET /api/assets` answers them: four tenants, mixed states, most
 * scored (risk, RUL, model), deterministic so every run draws the same rows.
 */
export function benchFleet(count: number, now: number): AssetResponse[] {
  return Array.from({ length: count }, (_, i) => {
    const id = assetId(i);
    const scored = i % 10 !== 0;
    return {
      id,
      tenantId: `tenant-${i % 4}`,
      deviceId: id,
      type: i % 3 === 0 ? 'compressor' : 'turbofan',
      state: STATES[i % STATES.length],
      lastSeen: new Date(now - (i % 600) * 1000).toISOString(),
      installedAt: null,
      risk: scored
        ? {
            probability: ((i * 7919) % 1000) / 1000,
            horizon: 30,
            rul: (i * 31) % 250,
            modelVersion: 'fd001@bench',
            scoredAt: new Date(now - 60_000).toISOString(),
          }
        : null,
    } as AssetResponse;
  });
}

/** A year of one metric, hourly (8,760 rows) ending at `now`, as the telemetry API's `1h` rows. */
export function yearOfHourlyRows(now: number): Array<{ ts: number; metrics: { s2: number } }> {
  const end = Math.floor(now / HOUR_MS) * HOUR_MS;
  return Array.from({ length: 8_760 }, (_, i) => {
    const ts = end - (8_759 - i) * HOUR_MS;
    const wear = i / 8_760;
    return { ts, metrics: { s2: 642 + 2 * wear + Math.sin(i / 24) * 0.4 + ((i * 37) % 11) / 20 } };
  });
}
