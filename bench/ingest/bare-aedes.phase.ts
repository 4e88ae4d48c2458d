import { TELEMETRY_FILTER } from '@hourglass/contracts-wire';
import { progress } from '../support/bench-contract';
import { ChildHost } from '../support/child-host';
import { round } from '../support/stats';
import { GeneratorFleet } from './generator-fleet';
import type { IngestBenchSettings } from './ingest-settings';
import { PhaseMeter, type PhaseUsage } from './phase-meter';

/** Reference 1: what aedes alone forwards to one QoS 1 subscriber with the same generator and messages. */
export interface BareAedesResult {
  connectSeconds: number;
  connected: number;
  acked: number;
  delivered: number;
  msgPerSec: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  usage: PhaseUsage;
}

/**
 * aedes 1.2 sends the PUBACK of a QoS 1 message before forwarding it, so a device waiting for
 * PUBACKs does not slow down when forwarding falls behind: the queue grows without bound (seen:
 * 302k acknowledged, 83k delivered, then a stack overflow in mqemitter). The closed loop is gated on
 * delivery to the subscriber instead: each device has `window` messages in flight from publish to
 * delivered, as ours has from publish to durable.
 */
export async function runBareAedesPhase(
  settings: IngestBenchSettings,
  ids: readonly string[],
): Promise<BareAedesResult> {
  progress(
    `bare aedes: starting the broker, one subscriber and a generator for ${ids.length} devices`,
  );
  const host = ChildHost.start('bare-aedes', 'bench/ingest/bare-aedes-host.ts');
  let fleet: GeneratorFleet | undefined;
  try {
    const { url } = await host.call<{ url: string }>('start');
    const devices = ids.map((id, index) => ({ id, index }));
    fleet = await GeneratorFleet.start('bare', url, devices, {
      workers: 1,
      subscriber: { filter: TELEMETRY_FILTER },
    });
    const connect = await fleet.connect(settings.connectConcurrency);
    progress(
      `  closed loop for ${settings.seconds} s, ${settings.window} in flight per device until delivered`,
    );
    const meter = await PhaseMeter.start(host, fleet);
    const run = await fleet.run({
      mode: 'closed',
      seconds: settings.seconds,
      rate: 0,
      window: settings.window,
      drainMs: settings.drainMs,
    });
    const usage = await meter.stop();
    const msgPerSec = run.delivered / ((run.lastDeliveredAt - run.firstPublishAt) / 1000);
    progress(
      `  ${run.acked} acknowledged, ${run.delivered} delivered: ${Math.round(msgPerSec)} msg/s; ${JSON.stringify(usage)}`,
    );
    return {
      connectSeconds: round(connect.ms / 1000) ?? 0,
      connected: connect.connected,
      acked: run.acked,
      delivered: run.delivered,
      msgPerSec,
      ackP50Ms: round(run.ackLatency.percentile(50)),
      ackP99Ms: round(run.ackLatency.percentile(99)),
      usage,
    };
  } finally {
    await fleet?.stop();
    await host.stop();
  }
}
