// Usage: node tools/run.js bench/run.ts NAME [--flags]   (npm run bench -- NAME [--flags])
// Runs one benchmark, writes bench/results/<name>-<yyyy-mm-dd>T<hhmm>.json and prints the result
// object as the last line of stdout; progress goes to stderr.
import { resolve } from 'node:path';
import {
  BenchArgs,
  BenchUsageError,
  benchUsage,
  progress,
  type BenchModule,
  type BenchResult,
} from './support/bench-contract';
import { gitCommit, loadAverage, machineInfo, writeBenchRecord } from './support/bench-report';
import { USAGE_EXIT_CODE, helpRequested } from '@hourglass/platform-cli';

const BENCHES: Record<string, { what: string; load: () => Promise<BenchModule> }> = {
  ingest: {
    what: 'QoS 1 telemetry from publish to queryable in InfluxDB vs bare aedes and raw line-protocol writes',
    load: () => import('./ingest.bench'),
  },
  broker: {
    what: 'QoS 1 telemetry through the hardened broker vs bare aedes and Mosquitto; memory per idle device; accept rate',
    load: () => import('./broker.bench'),
  },
  billing: {
    what: 'a month of one-minute state data for a fleet: the pure engine, then BillingRunService.runAll over distinct histories stored in PostgreSQL and PGlite',
    load: () => import('./billing.bench'),
  },
  scoring: {
    what: 'continuous scoring end to end (new rows read, features extended, inference, scores written) vs the same work in memory',
    load: () => import('./scoring.bench'),
  },
  alerts: {
    what: 'risk scores to work-order decisions vs a bare in-memory evaluation of the same policy; KPI and parts-forecast queries over a year of orders on PostgreSQL',
    load: () => import('./alerts.bench'),
  },
  console: {
    what: 'the console in headless Chromium: fleet page with 10,000 assets interactive, fleet filter response, a year of one metric drawn, vs a bare table and bare ECharts',
    load: () => import('./console.bench'),
  },
  success: {
    what: 'health, churn, RFM and the value matrix for a whole book of customers on PostgreSQL vs a per-customer loop; a single customer view',
    load: () => import('./success.bench'),
  },
  latency: {
    what: 'publish to scored: MQTT message to the stored risk score whose window includes it, platform as npm start runs it',
    load: () => import('./latency.bench'),
  },
};

const ROOT = resolve(__dirname, '..');

function usageText(): string {
  const lines = Object.entries(BENCHES).map(([bench, { what }]) => `  ${bench.padEnd(10)} ${what}`);
  return `usage: npm run bench -- NAME [--flags]   (a bench's flags: npm run bench -- NAME --help)\nbenches:\n${lines.join('\n')}\n`;
}

function usage(name: string | undefined): never {
  process.stderr.write(`${name ? `unknown bench ${JSON.stringify(name)}\n` : ''}${usageText()}`);
  process.exit(USAGE_EXIT_CODE);
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  if (name === '--help' || name === '-h') {
    process.stdout.write(usageText());
    return;
  }
  const entry = name ? BENCHES[name] : undefined;
  if (!name || !entry) usage(name);
  const bench = await entry.load();
  if (helpRequested(rest)) {
    process.stdout.write(benchUsage(name, entry.what, bench.options));
    return;
  }
  const args = BenchArgs.parse(rest);
  args.checkAgainst(bench.options);
  const start = { at: new Date(), load: loadAverage() };
  const machine = machineInfo();
  progress(
    `${name}: ${machine.cpuModel}, ${machine.cores} cores, ${machine.ramGb} GB, node ${machine.node}; load average ${start.load.join(' ')}`,
  );
  const result: BenchResult = await bench.run(args);
  const record = {
    ...result,
    startedAt: start.at.toISOString(),
    finishedAt: new Date().toISOString(),
    // Node options (e.g. `node --max-semi-space-size=64 tools/run.js bench/run.ts ...`) reach every
    // bench child process too, so they are part of the command.
    command:
      process.execArgv.length > 0
        ? ['node', ...process.execArgv, 'tools/run.js bench/run.ts', name, ...rest].join(' ')
        : ['npm run bench --', name, ...rest].join(' '),
    commit: gitCommit(ROOT),
    machine,
    loadAverage: { start: start.load, end: loadAverage() },
  };
  const file = writeBenchRecord(resolve(ROOT, 'bench/results'), record);
  progress(`result written to ${file}; load average now ${record.loadAverage.end.join(' ')}`);
  const { bench: benchName, figures, ratios, goals } = result;
  process.stdout.write(`${JSON.stringify({ bench: benchName, figures, ratios, goals })}\n`);
}

main().then(
  // Child processes, sockets or timers left behind must not keep a finished bench alive.
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof BenchUsageError) {
      process.stderr.write(
        `bench: ${error.message} (npm run bench -- ${process.argv[2] ?? 'NAME'} --help)\n`,
      );
      process.exit(USAGE_EXIT_CODE);
    }
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
