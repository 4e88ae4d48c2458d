import { execFileSync } from 'node:child_process';
import { BenchUsageError, type BenchArgs, type BenchOptions } from '../support/bench-contract';

/** Everything a run of the ingest bench is parameterised by (flags in parentheses). */
export interface IngestBenchSettings {
  /** Connected devices (--devices, default 10,000 as the issue says). */
  devices: number;
  /** Length of the throughput and the bare-aedes runs in seconds (--seconds, default 30). */
  seconds: number;
  /** Messages in flight per connection in the closed-loop runs (--window, default: 10,000 in flight in all). */
  window: number;
  /** Load-generator processes of ours (--workers, default 1; the bare-aedes reference always runs 1). */
  workers: number;
  /** CONNECTs pending at once per worker (--connect-concurrency, default 50). */
  connectConcurrency: number;
  /** Length and rate of the latency run (--latency-seconds, default 20 or --seconds if shorter; --latency-rate 5000). */
  latencySeconds: number;
  latencyRate: number;
  /** Devices whose every message's publish-to-queryable time is measured (--sample-devices 200). */
  sampleDevices: number;
  /** Interval of the latency probe's InfluxDB polls in ms (--poll-ms 50). */
  pollMs: number;
  /** scrypt N of the bench devices' credentials (--scrypt-n, default 1024; the platform's is 16384). */
  scryptN: number;
  /** Points of the raw InfluxDB reference (--raw-points, default 20,000 x seconds). */
  rawPoints: number;
  /** Where ingest runs (--ingest in-process | subscriber, default in-process as `npm start`). */
  ingest: 'in-process' | 'subscriber';
  /** Profile the platform process during the throughput run (--cpu-prof). */
  cpuProf: boolean;
  /** Longest wait for PUBACKs and for points to become queryable after publishing stops, ms. */
  drainMs: number;
  /**
   * Which phases run: all, only the Node-RED ramp (--only node-red), only our throughput and latency
   * runs without any reference (--only ours, for profiling), or all but Node-RED (--skip node-red);
   * --only http: the HTTP telemetry runs against our MQTT throughput run, nothing else; --only
   * sparkplug: the Sparkplug B edge nodes against it. The default run has both.
   */
  phases:
    'all' | 'node-red-only' | 'ours-only' | 'without-node-red' | 'http-only' | 'sparkplug-only';
  /** HTTP phase: devices posting (--http-devices 100), requests in flight (--http-concurrency 32), samples per batch request (--http-batch 100). */
  httpDevices: number;
  httpConcurrency: number;
  httpBatch: number;
  /** Offered rates of the zero-loss ramp, msg/s, ascending (--ramp 10000,15000,20000,25000,30000). */
  ramp: number[];
  /** Length of one ramp step in seconds (--ramp-seconds, default 25). */
  rampSeconds: number;
  /** Longest wait for a ramp step's points to stop arriving in InfluxDB, ms (--ramp-settle-ms, default 15,000). */
  rampSettleMs: number;
}

export function ingestSettings(args: BenchArgs): IngestBenchSettings {
  const devices = Math.max(1, Math.floor(args.number('devices', 10_000)));
  const seconds = args.number('seconds', 30);
  const ingest = args.flags['ingest'] ?? 'in-process';
  if (ingest !== 'in-process' && ingest !== 'subscriber')
    throw new BenchUsageError('--ingest must be in-process or subscriber');
  return {
    devices,
    seconds,
    window: Math.max(
      1,
      Math.floor(args.number('window', Math.max(1, Math.round(10_000 / devices)))),
    ),
    workers: Math.max(1, Math.floor(args.number('workers', 1))),
    connectConcurrency: Math.max(1, Math.floor(args.number('connect-concurrency', 50))),
    latencySeconds: args.number('latency-seconds', Math.min(20, seconds)),
    latencyRate: args.number('latency-rate', 5_000),
    sampleDevices: Math.min(devices, Math.max(1, Math.floor(args.number('sample-devices', 200)))),
    pollMs: args.number('poll-ms', 50),
    scryptN: args.number('scrypt-n', 1_024),
    rawPoints: Math.floor(args.number('raw-points', Math.max(100_000, 20_000 * seconds))),
    ingest,
    cpuProf: args.boolean('cpu-prof'),
    drainMs: args.number('drain-ms', 60_000),
    phases: phasesOf(args),
    ramp: rampOf(args),
    rampSeconds: args.number('ramp-seconds', 25),
    rampSettleMs: args.number('ramp-settle-ms', 15_000),
    httpDevices: Math.max(1, Math.floor(args.number('http-devices', 100))),
    httpConcurrency: Math.max(1, Math.floor(args.number('http-concurrency', 32))),
    httpBatch: Math.max(1, Math.min(1_000, Math.floor(args.number('http-batch', 100)))),
  };
}

function phasesOf(args: BenchArgs): IngestBenchSettings['phases'] {
  const only = args.flags['only'];
  const skip = args.flags['skip'];
  if (only !== undefined && !['node-red', 'ours', 'http', 'sparkplug'].includes(String(only)))
    throw new BenchUsageError('--only takes node-red, ours, http or sparkplug');
  if (skip !== undefined && skip !== 'node-red') throw new BenchUsageError('--skip takes node-red');
  if (only && skip) throw new BenchUsageError('--only and --skip node-red exclude each other');
  if (only === 'ours') return 'ours-only';
  if (only === 'http') return 'http-only';
  if (only === 'sparkplug') return 'sparkplug-only';
  return only ? 'node-red-only' : skip ? 'without-node-red' : 'all';
}

function rampOf(args: BenchArgs): number[] {
  const raw = args.flags['ramp'];
  if (raw === undefined) return [10_000, 15_000, 20_000, 25_000, 30_000];
  const rates = String(raw)
    .split(',')
    .map((r) => Number(r.trim()));
  if (raw === true || rates.some((r) => !Number.isFinite(r) || r <= 0))
    throw new BenchUsageError('--ramp takes positive rates separated by commas (msg/s)');
  return rates.sort((a, b) => a - b);
}

/** The open-files limit this process (and its children) run under, or null when unknown. */
export function openFilesLimit(): number | null {
  try {
    const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return out === 'unlimited' ? Infinity : Number(out);
  } catch {
    return null;
  }
}

/** Flags of `npm run bench -- ingest` (`--help`; the fields of {@link IngestBenchSettings}). */
export const INGEST_OPTIONS: BenchOptions = {
  devices: 'connected devices (default 10,000)',
  seconds: 'length of the throughput and bare-aedes runs (default 30)',
  window: 'messages in flight per device in closed loops (default: 10,000 in flight in all)',
  workers: 'load-generator processes of ours (default 1)',
  'connect-concurrency': 'CONNECTs pending at once per generator (default 50)',
  'latency-seconds': 'length of the latency run (default 20, or --seconds if shorter)',
  'latency-rate': 'offered rate of the latency run, msg/s (default 5,000)',
  'sample-devices': 'devices whose every message is timed to queryable (default 200)',
  'poll-ms': "interval of the latency probe's InfluxDB polls (default 50)",
  'scrypt-n': "scrypt N of the devices' credentials (default 1,024)",
  'raw-points': 'points of the raw InfluxDB reference (default 20,000 x seconds, at least 100,000)',
  ingest: 'in-process | subscriber (default in-process, as npm start)',
  'cpu-prof': 'profile the platform process during the throughput run',
  'drain-ms': 'longest wait for PUBACKs and queryable points after publishing (default 60,000)',
  only: 'node-red | ours | http | sparkplug: run only those phases',
  skip: 'node-red: every phase but the zero-loss ramps',
  ramp: 'offered rates of the zero-loss ramp, msg/s (default 10000,15000,20000,25000,30000)',
  'ramp-seconds': 'length of one ramp step (default 25)',
  'ramp-settle-ms': "longest wait for a ramp step's points (default 15,000)",
  'http-devices': 'devices posting in the HTTP phase (default 100)',
  'http-concurrency': 'HTTP requests in flight (default 32)',
  'http-batch': 'samples per HTTP batch request (default 100, at most 1,000)',
};
