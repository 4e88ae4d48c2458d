import type { InfluxServer } from '@hourglass/testing-services';
import { progress, type BenchResult } from '../support/bench-contract';
import { ChildHost } from '../support/child-host';
import { percentile, round } from '../support/stats';
import { timedPhase } from '../support/phase-progress';
import type { HttpHostParams, HttpHostStarted } from './http-host';
import type { IngestBenchSettings } from './ingest-settings';
import type { PlatformResult } from './platform.phase';
import { telemetryJson } from './telemetry-payload';
import { countQueryable } from './queryable-count';

/** One closed-loop run of HTTP posts: `samplesPerRequest` samples each, `concurrency` in flight. */
export interface HttpRunResult {
  samplesPerRequest: number;
  concurrency: number;
  requests: number;
  /** Answers by status (200 = durable; anything else is counted, not retried). */
  statuses: Record<string, number>;
  acceptedSamples: number;
  requestsPerSec: number;
  samplesPerSec: number;
  /** Post-to-200 time (the 200 waits for the batch to be durable). */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Points of the run queryable in InfluxDB afterwards (must equal acceptedSamples). */
  queryable: number;
  serverCpuSeconds: number;
}

export interface HttpPhaseResult {
  devices: number;
  single: HttpRunResult;
  batch: HttpRunResult;
}

/**
 * The HTTP phase (`--only http`): the same JSON messages as the MQTT runs, posted to
 * `POST /api/devices/{id}/telemetry` of a process that runs the API with the in-process ingest, from
 * this process (fetch, keep-alive). Two closed-loop runs of `--seconds`: one sample per request (the
 * MQTT message) and `--http-batch` samples per `{"batch": [...]}`.
 */
export async function runHttpPhase(
  settings: IngestBenchSettings,
  influx: InfluxServer,
): Promise<HttpPhaseResult> {
  const host = ChildHost.start('http', 'bench/ingest/http-host.ts');
  try {
    const ids = Array.from(
      { length: settings.httpDevices },
      (_, i) => `http-${String(i + 1).padStart(5, '0')}`,
    );
    const params: HttpHostParams = {
      influx: { url: influx.url, token: influx.token, org: influx.org, bucket: influx.bucket },
      deviceIds: ids,
      scryptN: settings.scryptN,
    };
    progress(`http: provisioning ${ids.length} devices; API with the in-process ingest`);
    const started = await host.call<HttpHostStarted>('start', params);
    // Each run stamps its samples from its own hour in the past, so the two never overwrite each other.
    const single = await closedLoop(host, influx, started, settings, 1, Date.now() - 3 * 3_600_000);
    const batch = await closedLoop(
      host,
      influx,
      started,
      settings,
      settings.httpBatch,
      Date.now() - 2 * 3_600_000,
    );
    return { devices: ids.length, single, batch };
  } finally {
    await host.stop();
  }
}

async function closedLoop(
  host: ChildHost,
  influx: InfluxServer,
  started: HttpHostStarted,
  settings: IngestBenchSettings,
  samplesPerRequest: number,
  ts0: number,
): Promise<HttpRunResult> {
  const devices = started.authorizations.length;
  const seq = new Array<number>(devices).fill(0);
  const statuses: Record<string, number> = {};
  const times: number[] = [];
  let accepted = 0;
  let requests = 0;
  let next = 0;
  const body = (d: number) => {
    const samples: string[] = [];
    for (let i = 0; i < samplesPerRequest; i++) {
      const s = seq[d]++;
      samples.push(telemetryJson(d, s, ts0 + s));
    }
    return samplesPerRequest === 1 ? samples[0] : `{"batch":[${samples.join(',')}]}`;
  };
  const cpu0 = await host.call<NodeJS.CpuUsage>('cpu');
  const t0 = performance.now();
  const end = t0 + settings.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const d = next++ % devices;
      const sent = performance.now();
      const res = await fetch(`${started.url}/api/devices/http-${pad(d + 1)}/telemetry`, {
        method: 'POST',
        headers: { authorization: started.authorizations[d], 'content-type': 'application/json' },
        body: body(d),
      });
      const answer = (await res.json()) as { accepted?: number };
      times.push(performance.now() - sent);
      requests++;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 200) accepted += answer.accepted ?? 0;
    }
  };
  await timedPhase(`http x${samplesPerRequest}: posting`, settings.seconds, () =>
    Promise.all(Array.from({ length: settings.httpConcurrency }, worker)),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = await host.call<NodeJS.CpuUsage>('cpu');
  const queryable = await countQueryable(
    influx,
    { devicePrefix: 'http-', field: 'seq' },
    ts0,
    accepted,
    settings.drainMs,
  );
  const result: HttpRunResult = {
    samplesPerRequest,
    concurrency: settings.httpConcurrency,
    requests,
    statuses,
    acceptedSamples: accepted,
    requestsPerSec: round(requests / seconds, 0) ?? 0,
    samplesPerSec: round(accepted / seconds, 0) ?? 0,
    p50Ms: round(percentile(times, 50), 1),
    p99Ms: round(percentile(times, 99), 1),
    queryable,
    serverCpuSeconds: round((cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1e6, 2) ?? 0,
  };
  progress(`  http x${samplesPerRequest}: ${JSON.stringify(result)}`);
  return result;
}

const pad = (n: number) => String(n).padStart(5, '0');

/** The result of `--only http`: HTTP rates over the MQTT closed loop's, and whether every 200 is queryable. */
export function httpResult(
  settings: IngestBenchSettings,
  mqtt: PlatformResult,
  http: HttpPhaseResult,
): BenchResult {
  const mqttRate = mqtt.throughput?.msgPerSec ?? null;
  const over = (ours: number) => (mqttRate ? round(ours / mqttRate, 3) : null);
  return {
    bench: 'ingest',
    figures: {
      msgPerSec: round(mqttRate, 0),
      httpSingleSamplesPerSec: http.single.samplesPerSec,
      httpSingleP99Ms: http.single.p99Ms,
      httpBatchSamplesPerSec: http.batch.samplesPerSec,
      httpBatchRequestsPerSec: http.batch.requestsPerSec,
      httpBatchP99Ms: http.batch.p99Ms,
    },
    ratios: {
      httpSingleVsMqtt: over(http.single.samplesPerSec),
      httpBatchVsMqtt: over(http.batch.samplesPerSec),
    },
    goals: {
      httpEveryAcceptedSampleQueryable:
        http.single.queryable === http.single.acceptedSamples &&
        http.batch.queryable === http.batch.acceptedSamples,
      mqttEveryAckedQueryable: mqtt.totalQueryable >= mqtt.totalAcked,
    },
    details: { settings, http, mqtt: { throughput: mqtt.throughput, counters: mqtt.counters } },
  };
}
