/** Metric names of a bench message: 8 float metrics, as the issue says. */
export const METRICS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'] as const;

/** Device ids of the bench fleet: `bench-00001` ... (valid ids, MQTT topic levels and tags). */
export function deviceIds(count: number): string[] {
  const width = Math.max(5, String(count).length);
  return Array.from({ length: count }, (_, i) => `bench-${String(i + 1).padStart(width, '0')}`);
}

/** Plausible sensor readings with a few decimals, different per device, metric and sequence number. */
export function metricValue(device: number, metric: number, seq: number): number {
  const base = 100 * (metric + 1) + (device % 97);
  return Math.round((base + 25 * Math.sin(seq * 0.1 + metric + device)) * 1000) / 1000;
}

/** The MQTT payload: `{"ts": <epoch ms>, "seq": n, "metrics": {m1..m8}}`. */
export function telemetryJson(device: number, seq: number, ts: number): string {
  let metrics = '';
  for (let m = 0; m < METRICS.length; m++) {
    metrics += `${m === 0 ? '' : ','}"${METRICS[m]}":${metricValue(device, m, seq)}`;
  }
  return `{"ts":${ts},"seq":${seq},"metrics":{${metrics}}}`;
}

/** The same point as InfluxDB line protocol, as ingest writes it: `telemetry,device=<id> m1=..,seq=1i <ts>`. */
export function telemetryLine(deviceId: string, device: number, seq: number, ts: number): string {
  let fields = '';
  for (let m = 0; m < METRICS.length; m++)
    fields += `${METRICS[m]}=${metricValue(device, m, seq)},`;
  return `telemetry,device=${deviceId} ${fields}seq=${seq}i ${ts}`;
}
