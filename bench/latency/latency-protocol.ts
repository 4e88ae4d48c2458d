// What the latency bench's parent and its two child processes exchange over IPC.
import type { DeviceSpec } from '../ingest/device-connection';

/** A sampled message: device, seq, payload ts, publish time, PUBACK time (null if never acknowledged). */
export type SampledMessage = [
  id: string,
  seq: number,
  ts: number,
  publishedAt: number,
  ackedAt: number | null,
];

/** The publisher's settings: every device publishes once per `intervalMs`, spread evenly over it. */
export interface PublishParams {
  seconds: number;
  intervalMs: number;
  /** Devices that stop publishing `quietAfterMs` into the run while the others go on. */
  quiet: string[];
  quietAfterMs: number;
  drainMs: number;
}

export interface PublisherInit {
  url: string;
  devices: DeviceSpec[];
  sampled: string[];
}

export interface PublishStats {
  published: number;
  acked: number;
  /** Messages that were due while the device still waited for its previous PUBACK (skipped). */
  behind: number;
  disconnects: number;
  startedAt: number;
  endedAt: number;
  samples: SampledMessage[];
}

/** A score stored for a sampled asset: window end (epoch ms), when saveMany returned, and its round's start. */
export type StoredScore = [windowEnd: number, storedAt: number, roundStartedAt: number];

/** What a round's candidate list said about a sampled asset: round start, `last_seen` (epoch ms). */
export type CandidateSeen = [roundStartedAt: number, lastSeen: number];

/** One scoring round: start (epoch ms) and duration (ms). */
export type RoundTiming = [startedAt: number, ms: number];

/** What the platform process observed. */
export interface ScoringObservations {
  stored: Record<string, StoredScore[]>;
  seen: Record<string, CandidateSeen[]>;
  rounds: RoundTiming[];
  /** Whole scoring jobs (`ScoringRoundJob.run`: scores, policies, tasks). */
  jobs: RoundTiming[];
  /** Billing runs (`BillingRunService.runAll`), on the same event loop. */
  billing: RoundTiming[];
}
