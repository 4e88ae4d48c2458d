// Publish-to-scored latency of sampled messages, from what the publisher and the platform's
// scoring observer recorded (both on this machine's clock).
import { percentile, round } from '../support/stats';
import type { SampledMessage, ScoringObservations } from './latency-protocol';

/**
 * Where a sampled message falls: a device's first (its asset not yet heard from, `last_seen`
 * empty), its last before it went quiet while the fleet went on, its last when the whole fleet
 * stopped, or any other.
 */
export type MessageKind = 'first' | 'underLoad' | 'quietUnderLoad' | 'fleetQuiet';

/** One sampled message's path, ms from its publish (null: not reached). */
export interface MessagePath {
  kind: MessageKind;
  /** PUBACK: the row is durable (ingest acknowledges once stored). */
  ack: number | null;
  /** Start of the first round whose candidates showed a `last_seen` at or after the message. */
  lastSeenVisible: number | null;
  /** Start of the round that stored the first score whose window includes the message. */
  roundStart: number | null;
  /** That score stored. */
  scored: number | null;
}

/** Each sampled message's path; the last message of a device in `quiet` went quiet under load. */
export function messagePaths(
  samples: readonly SampledMessage[],
  observed: ScoringObservations,
  quiet: ReadonlySet<string>,
): MessagePath[] {
  const lastSeq = new Map<string, number>();
  const firstSeq = new Map<string, number>();
  for (const [id, seq] of samples) {
    lastSeq.set(id, Math.max(seq, lastSeq.get(id) ?? 0));
    firstSeq.set(id, Math.min(seq, firstSeq.get(id) ?? Infinity));
  }
  return samples.map(([id, seq, ts, publishedAt, ackedAt]) => {
    const stored = (observed.stored[id] ?? []).find(([windowEnd]) => windowEnd >= ts);
    const seen = (observed.seen[id] ?? []).find(([, lastSeen]) => lastSeen >= ts);
    const since = (at: number | null | undefined) => (at == null ? null : at - publishedAt);
    const kind: MessageKind =
      seq === firstSeq.get(id)
        ? 'first'
        : seq !== lastSeq.get(id)
          ? 'underLoad'
          : quiet.has(id)
            ? 'quietUnderLoad'
            : 'fleetQuiet';
    return {
      kind,
      ack: since(ackedAt),
      lastSeenVisible: since(seen?.[0]),
      roundStart: since(stored?.[2]),
      scored: since(stored?.[1]),
    };
  });
}

/** p50/p99 of each step for one kind of message, ms. */
export function summarise(paths: readonly MessagePath[], kind: MessageKind) {
  const mine = paths.filter((p) => p.kind === kind);
  const stat = (pick: (p: MessagePath) => number | null) => {
    const values = mine.map(pick).filter((v): v is number => v !== null);
    return { p50: round(percentile(values, 50), 0), p99: round(percentile(values, 99), 0) };
  };
  return {
    messages: mine.length,
    unscored: mine.filter((p) => p.scored === null).length,
    publishToScored: stat((p) => p.scored),
    publishToAck: stat((p) => p.ack),
    ackToRoundStart: stat((p) =>
      p.roundStart === null || p.ack === null ? null : p.roundStart - p.ack,
    ),
    roundStartToScored: stat((p) =>
      p.scored === null || p.roundStart === null ? null : p.scored - p.roundStart,
    ),
    publishToLastSeenVisible: stat((p) => p.lastSeenVisible),
  };
}

/** Scoring rounds during the run: how long they took and how far apart they started, ms. */
export function roundStats(observed: ScoringObservations, from: number, to: number) {
  const rounds = observed.rounds.filter(([at]) => at >= from && at <= to);
  const gaps = rounds.slice(1).map(([at], i) => at - rounds[i][0]);
  const ms = rounds.map(([, d]) => d);
  return {
    rounds: rounds.length,
    durationP50Ms: round(percentile(ms, 50), 0),
    durationMaxMs: round(ms.length ? Math.max(...ms) : null, 0),
    startToStartP50Ms: round(percentile(gaps, 50), 0),
    startToStartMaxMs: round(gaps.length ? Math.max(...gaps) : null, 0),
  };
}
