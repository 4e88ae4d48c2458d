// What bench/load-generator.ts workers are told and what they answer.
import type { DeviceSpec } from './device-connection';

export interface GeneratorInit {
  url: string;
  devices: DeviceSpec[];
  /** Device ids whose acknowledged messages are reported one by one (for publish-to-queryable latency). */
  sampled: string[];
  /**
   * A subscriber to run in this worker (QoS 1, `filter`), counting what the broker forwards; with
   * it, a closed loop is gated on delivery to the subscriber instead of on PUBACK.
   */
  subscriber?: { filter: string };
}

export interface ConnectResult {
  connected: number;
  failed: Record<string, number>;
}

export interface RunParams {
  /** closed: keep `window` messages in flight per connection; open: `rate` msg/s spread over the devices. */
  mode: 'closed' | 'open';
  seconds: number;
  rate: number;
  window: number;
  /** Longest wait for the last PUBACKs after publishing stops. */
  drainMs: number;
}

export interface RunStats {
  published: number;
  acked: number;
  firstPublishAt: number;
  lastPublishAt: number;
  lastAckAt: number;
  /** Messages of this phase the worker's subscriber received (0 without a subscriber). */
  delivered: number;
  lastDeliveredAt: number;
  /** Open loop: messages that were due while their device had a full window (the generator fell behind). */
  behind: number;
  disconnects: number;
  /** Publish-to-PUBACK histogram counts (LatencyHistogram). */
  ackHistogram: number[];
  /** [device id, seq, published at] of the sampled devices' acknowledged messages. */
  samples: Array<[string, number, number]>;
}
