import type { InfluxServer } from '@hourglass/testing-services';

/**
 * Points of the devices whose id starts with `devicePrefix`, counted on `field` over the hour from
 * `ts0`, polled every 200 ms until `expected` or `drainMs` (the HTTP and Sparkplug phases' "every
 * acknowledged sample is queryable").
 */
export async function countQueryable(
  influx: InfluxServer,
  series: { devicePrefix: string; field: string },
  ts0: number,
  expected: number,
  drainMs: number,
): Promise<number> {
  const deadline = Date.now() + drainMs;
  for (;;) {
    const rows = await influx.query(
      `SELECT count(${series.field}) FROM telemetry WHERE device =~ /^${series.devicePrefix}/ AND time >= ${ts0}ms AND time < ${ts0 + 3_600_000}ms`,
    );
    const count = Number(rows[0]?.['count'] ?? 0);
    if (count >= expected || Date.now() > deadline) return count;
    await new Promise((r) => setTimeout(r, 200));
  }
}
