import { TELEMETRY_FILTER } from '@hourglass/contracts-wire';
import { progress } from '../support/bench-contract';
import { ChildHost } from '../support/child-host';
import { round } from '../support/stats';
import type { BareAedesMode } from './bare-aedes-host';
import { GeneratorFleet } from './generator-fleet';
import type { IngestBenchSettings } from './ingest-settings';
import { PhaseMeter, type PhaseUsage } from './phase-meter';

/** A bare-aedes reference: what aedes alone does with the same generator and messages. */
export interface BareAedesResult {
  mode: BareAedesMode;
  connectSeconds: number;
  connected: number;
  acked: number;
  /** forwarding: messages the subscriber received; in-process: messages the hook counted. */
  delivered: number;
  msgPerSec: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  usage: PhaseUsage;
}

/**
 * Runs aedes with no hooks, forwarding every message to one QoS 1 subscriber in the generator
 * (`forwarding`, the ceiling of a broker that forwards), or with an in-process hook that counts
 * each message before aedes acknowledges it (`in-process`, the like-for-like reference of ours,
 * whose broker hands each message to ingest before its PUBACK and forwards nothing).
 *
 * Forwarding: aedes 1.2 sends the PUBACK of a QoS 1 message before forwarding it, so a device
 * waiting for PUBACKs does not slow down when forwarding falls behind: the queue grows without
 * bound (seen: 302k acknowledged, 83k delivered, then a stack overflow in mqemitter). That loop is
 * gated on delivery to the subscriber instead: each device has `window` messages in flight from
 * publish to delivered, as ours has from publish to durable. In-process: gated on PUBACK, as ours.
 */
export async function runBareAedesPhase(
  settings: IngestBenchSettings,
  ids: readonly string[],
  mode: BareAedesMode = 'forwarding',
): Promise<BareAedesResult> {
  const forwarding = mode === 'forwarding';
  progress(
    `bare aedes (${mode}): starting the broker${forwarding ? ', one subscriber' : ' with a counting hook'} and a generator for ${ids.length} devices`,
  );
  const host = ChildHost.start(`bare-aedes-${mode}`, 'bench/ingest/bare-aedes-host.ts');
  let fleet: GeneratorFleet | undefined;
  try {
    const { url } = await host.call<{ url: string }>('start', { mode });
    const devices = ids.map((id, index) => ({ id, index }));
    fleet = await GeneratorFleet.start(`bare-${mode}`, url, devices, {
      workers: 1,
      subscriber: forwarding ? { filter: TELEMETRY_FILTER } : undefined,
    });
    const connect = await fleet.connect(settings.connectConcurrency);
    progress(
      `  closed loop for ${settings.seconds} s, ${settings.window} in flight per device until ${forwarding ? 'delivered' : 'acknowledged'}`,
    );
    const handledBefore = await host.call<number>('handled');
    const meter = await PhaseMeter.start(host, fleet);
    const run = await fleet.run({
      mode: 'closed',
      seconds: settings.seconds,
      rate: 0,
      window: settings.window,
      drainMs: settings.drainMs,
    });
    const usage = await meter.stop();
    const delivered = forwarding
      ? run.delivered
      : (await host.call<number>('handled')) - handledBefore;
    const counted = forwarding ? run.delivered : Math.min(delivered, run.acked);
    const lastAt = forwarding ? run.lastDeliveredAt : run.lastAckAt;
    const msgPerSec = counted / ((lastAt - run.firstPublishAt) / 1000);
    progress(
      `  ${run.acked} acknowledged, ${delivered} ${forwarding ? 'delivered' : 'counted by the hook'}: ${Math.round(msgPerSec)} msg/s; ${JSON.stringify(usage)}`,
    );
    return {
      mode,
      connectSeconds: round(connect.ms / 1000) ?? 0,
      connected: connect.connected,
      acked: run.acked,
      delivered,
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
