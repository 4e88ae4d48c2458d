// npm run bench -- latency [--devices 10000] [--seconds 60] [--interval-ms 2000] [--sample-devices 200]
// Publish-to-scored latency: the platform as `npm start` runs it (embedded stores, no simulator)
// in one process, devices publishing over MQTT from another; for sampled messages, the time from
// publish to the stored risk score whose window includes them (see bench/README.md, `latency`).
import { cpus, loadavg } from 'node:os';
import type { BenchArgs, BenchOptions, BenchResult } from './support/bench-contract';
import { progress } from './support/bench-contract';
import { ChildHost } from './support/child-host';
import { deviceIds } from './ingest/telemetry-payload';
import { countProgress, timedPhase } from './support/phase-progress';
import { pollUntil } from './support/poll';
import type { LatencyHostStarted } from './latency/platform-host';
import type { PublishStats, ScoringObservations } from './latency/latency-protocol';
import { messagePaths, roundStats, summarise } from './latency/latency-summary';

/** Flags of `npm run bench -- latency` (`--help`). */
export const options: BenchOptions = {
  devices: 'devices publishing (default 10,000)',
  seconds: 'length of the publishing run (default 60)',
  'interval-ms': 'each device publishes every N ms (default 2,000)',
  'sample-devices': 'devices whose every message is followed to its score (default 200)',
  'scrypt-n': "scrypt N of the devices' credentials (default 1,024)",
  'drain-ms': 'longest wait for the last scores after publishing stops (default 60,000)',
};

export async function run(args: BenchArgs): Promise<BenchResult> {
  const settings = {
    devices: args.number('devices', 10_000),
    seconds: args.number('seconds', 60),
    intervalMs: args.number('interval-ms', 2_000),
    sampleDevices: args.number('sample-devices', 200),
    scryptN: args.number('scrypt-n', 1024),
    drainMs: args.number('drain-ms', 60_000),
  };
  const busyAtStart = loadavg()[0] > cpus().length * 0.5;
  if (busyAtStart)
    progress(
      `warning: the machine is busy (load average ${loadavg()[0].toFixed(2)}): figures will be high`,
    );
  progress(`settings ${JSON.stringify(settings)}`);
  const ids = Array.from({ length: settings.devices }, (_, i) => i);
  const step = Math.max(1, Math.floor(settings.devices / settings.sampleDevices));
  const sampledIdx = ids.filter((i) => i % step === 0).slice(0, settings.sampleDevices);
  const platform = ChildHost.start('platform', 'bench/latency/platform-host.ts');
  const publisher = ChildHost.start('publisher', 'bench/latency/publisher-host.ts');
  try {
    const names = deviceIds(settings.devices);
    const sampled = sampledIdx.map((i) => names[i]);
    // Half the sampled devices go quiet halfway through while the rest of the fleet goes on.
    const quiet = sampled.filter((_, k) => k % 2 === 1);
    const started = await platform.call<LatencyHostStarted>('start', {
      devices: settings.devices,
      scryptN: settings.scryptN,
      provisionConcurrency: 16,
      sampled,
    });
    progress(
      `platform at ${started.url}; ${settings.devices} devices provisioned in ${(started.provisionMs / 1000).toFixed(1)} s`,
    );
    await publisher.call('init', { url: started.url, devices: started.devices, sampled });
    const connected = await publisher.call<{ connected: number; failed: number }>('connect', {
      concurrency: 50,
    });
    progress(`connected ${connected.connected} devices (${connected.failed} failed)`);
    const stats = await timedPhase(
      'publishing',
      settings.seconds,
      () =>
        publisher.call<PublishStats>('run', {
          seconds: settings.seconds,
          intervalMs: settings.intervalMs,
          quiet,
          quietAfterMs: (settings.seconds * 1000) / 2,
          drainMs: 30_000,
        }),
      { overtime: 'publishing over, waiting for the last PUBACKs' },
    );
    const rate = stats.published / ((stats.endedAt - stats.startedAt) / 1000);
    progress(
      `published ${stats.published} (${Math.round(rate)} msg/s), acknowledged ${stats.acked}, behind ${stats.behind}; waiting for the sampled messages' scores`,
    );
    const scoredSamples = countProgress(
      'sampled messages scored',
      stats.samples.length,
      'messages',
    );
    const observed = await pollUntil(
      () => platform.call<ScoringObservations>('observations'),
      (o) => {
        const scored = messagePaths(stats.samples, o, new Set(quiet)).filter(
          (p) => p.scored !== null,
        );
        scoredSamples.update(scored.length);
        return scored.length === stats.samples.length;
      },
      settings.drainMs,
      500,
    );
    scoredSamples.finish();
    const paths = messagePaths(stats.samples, observed, new Set(quiet));
    const underLoad = summarise(paths, 'underLoad');
    const quietUnderLoad = summarise(paths, 'quietUnderLoad');
    const fleetQuiet = summarise(paths, 'fleetQuiet');
    const first = summarise(paths, 'first');
    const rounds = roundStats(observed, stats.startedAt, stats.endedAt);
    for (const [name, s] of Object.entries({ first, underLoad, quietUnderLoad, fleetQuiet }))
      progress(`${name}: ${JSON.stringify(s)}`);
    progress(`scoring rounds under load: ${JSON.stringify(rounds)}`);
    for (const k of ['rounds', 'jobs', 'billing'] as const)
      progress(
        `${k} [s after publishing started, s]: ${observed[k].map(([at, ms]) => `${((at - stats.startedAt) / 1000).toFixed(1)}+${(ms / 1000).toFixed(1)}`).join(' ')}`,
      );
    const memory = await platform.call<Record<string, number>>('memory');
    return {
      bench: 'latency',
      figures: {
        publishToScoredP50Ms: underLoad.publishToScored.p50,
        publishToScoredP99Ms: underLoad.publishToScored.p99,
        quietLastMessageP50Ms: quietUnderLoad.publishToScored.p50,
        quietLastMessageP99Ms: quietUnderLoad.publishToScored.p99,
        fleetQuietLastMessageP99Ms: fleetQuiet.publishToScored.p99,
        firstMessageP99Ms: first.publishToScored.p99,
        publishToAckP99Ms: underLoad.publishToAck.p99,
        ackToRoundStartP99Ms: underLoad.ackToRoundStart.p99,
        roundStartToScoredP99Ms: underLoad.roundStartToScored.p99,
        publishToLastSeenVisibleP99Ms: underLoad.publishToLastSeenVisible.p99,
        roundDurationP50Ms: rounds.durationP50Ms,
        roundStartToStartP50Ms: rounds.startToStartP50Ms,
        msgPerSec: Math.round(rate),
        devices: connected.connected,
        sampledMessages: paths.length,
        unscored: paths.filter((p) => p.scored === null).length,
      },
      ratios: {},
      goals: {
        'publishToScoredP99<5000ms':
          (underLoad.publishToScored.p99 ?? Infinity) < 5_000 && underLoad.unscored === 0,
        'quietLastMessageP99<5000ms':
          (quietUnderLoad.publishToScored.p99 ?? Infinity) < 5_000 && quietUnderLoad.unscored === 0,
      },
      details: {
        settings,
        platformSettings: started.settings,
        provisionMs: started.provisionMs,
        publish: { ...stats, samples: stats.samples.length },
        underLoad,
        quietUnderLoad,
        fleetQuiet,
        first,
        rounds,
        // Every observed run, [ms after the publishing started, duration ms].
        timeline: Object.fromEntries(
          (['rounds', 'jobs', 'billing'] as const).map((k) => [
            k,
            observed[k].map(([at, ms]) => [at - stats.startedAt, ms]),
          ]),
        ),
        memory,
        busyAtStart,
      },
    };
  } finally {
    await publisher.stop();
    await platform.stop();
  }
}
