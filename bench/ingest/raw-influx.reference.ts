import { progress } from '../support/bench-contract';
import { influxQl } from './influx-v1';
import { telemetryLine } from './telemetry-payload';

/** Options of reference 2: the same points as line protocol straight into InfluxDB's v1 `/write`. */
export interface RawInfluxOptions {
  v1Url: string;
  deviceIds: readonly string[];
  points: number;
  /** Points per request (5,000 as ingest's default batch). */
  batchSize: number;
  /** Requests in flight. */
  concurrency: number;
}

export interface RawInfluxResult {
  /** Points built and offered. */
  points: number;
  /** Points in the requests InfluxDB answered 204 (what this reference counts as written). */
  written: number;
  seconds: number;
  /** `written` / seconds. */
  pointsPerSec: number;
  /** What `SELECT count(seq)` in InfluxDB returns afterwards. */
  counted: number;
  /** `counted` equals `written`: the rate is of points InfluxDB really holds. */
  countMatchesWritten: boolean;
}

const DATABASE = 'bench_raw';

/** Batches of line protocol, device after device for each sequence number, ts unique per device. */
function buildBatches(options: RawInfluxOptions, base: number): Buffer[] {
  const batches: Buffer[] = [];
  let lines: string[] = [];
  const n = options.deviceIds.length;
  for (let i = 0; i < options.points; i++) {
    const device = i % n;
    const seq = Math.floor(i / n) + 1;
    lines.push(telemetryLine(options.deviceIds[device], device, seq, base + seq));
    if (lines.length === options.batchSize || i === options.points - 1) {
      batches.push(Buffer.from(lines.join('\n')));
      lines = [];
    }
  }
  return batches;
}

/**
 * Writes `points` points into a fresh database (`bench_raw`, dropped afterwards) in batches with
 * `concurrency` requests in flight, and times it from the first request to the last answer.
 */
export async function runRawInfluxReference(options: RawInfluxOptions): Promise<RawInfluxResult> {
  await influxQl(options.v1Url, DATABASE, `CREATE DATABASE ${DATABASE}`);
  const batches = buildBatches(options, Date.now() - 60 * 60 * 1000);
  const batchPoints = batches.map((b) => countLines(b));
  progress(
    `  ${batches.length} batches of ${options.batchSize} points built; writing with ${options.concurrency} requests in flight`,
  );
  const url = `${options.v1Url}/write?db=${DATABASE}&precision=ms`;
  let next = 0;
  let written = 0;
  const t0 = performance.now();
  const writer = async () => {
    while (next < batches.length) {
      const index = next++;
      const body = batches[index];
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/plain' },
      });
      if (response.status !== 204)
        throw new Error(`InfluxDB /write answered ${response.status}: ${await response.text()}`);
      written += batchPoints[index];
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, writer));
  const seconds = (performance.now() - t0) / 1000;
  const counted = Number(
    (await influxQl(options.v1Url, DATABASE, 'SELECT count(seq) FROM telemetry'))[0]?.['count'] ??
      0,
  );
  await influxQl(options.v1Url, DATABASE, `DROP DATABASE ${DATABASE}`);
  return {
    points: options.points,
    written,
    seconds,
    pointsPerSec: written / seconds,
    counted,
    countMatchesWritten: counted === written,
  };
}

/** Lines in a line-protocol body: one point each. */
function countLines(body: Buffer): number {
  let lines = body.length > 0 ? 1 : 0;
  for (const byte of body) if (byte === 0x0a) lines++;
  return lines;
}
