// The KPI and parts-forecast queries as clients call them: GET /api/kpis over the year and
// GET /api/parts/forecast for 30, 60 and 90 days, through the platform's REST API on PostgreSQL.
import { progress } from '../support/bench-contract';

/** One query's timings (seconds, every repetition) and its answer's size. */
export interface QueryTiming {
  path: string;
  seconds: number[];
  medianSeconds: number;
  bytes: number;
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Times `GET path` `repeat` times (after one untimed warm-up answer is checked). */
export async function timeQuery(
  baseUrl: string,
  token: string,
  path: string,
  repeat: number,
): Promise<QueryTiming> {
  const get = async () => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    const seconds = (performance.now() - t0) / 1000;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
    return { seconds, body };
  };
  const warm = await get();
  progress(`  ${path}: warm-up ${warm.seconds.toFixed(2)} s, ${warm.body.slice(0, 240)}`);
  const seconds: number[] = [];
  for (let i = 0; i < repeat; i++) seconds.push((await get()).seconds);
  progress(`  ${path}: ${seconds.map((s) => s.toFixed(2)).join(', ')} s`);
  return { path, seconds, medianSeconds: median(seconds), bytes: warm.body.length };
}

/** A maintenance plan for every turbofan (every 180 days, order 14 days ahead), created through the API. */
export async function createFleetPlan(baseUrl: string, token: string, startsAt: string) {
  const res = await fetch(`${baseUrl}/api/maintenance-plans`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantId: 'default',
      name: 'bench: HPC borescope and seals',
      assetType: 'turbofan',
      component: 'hpc-module',
      intervalDays: 180,
      leadDays: 14,
      startsAt,
    }),
  });
  if (!res.ok) throw new Error(`creating the plan: ${res.status} ${await res.text()}`);
}
