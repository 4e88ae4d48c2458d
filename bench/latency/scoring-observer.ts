// Observes the platform's scoring rounds from inside its process without changing them: the
// prototypes of AssetScoringService and RiskScoreRepository are wrapped so that each round's
// start and duration, the `last_seen` its candidates showed and the scores it stored are recorded
// for the sampled assets (the same objects `startPlatform` builds, so no lib needs a hook).
import { BillingRunService } from '@hourglass/billing-records';
import { AssetScoringService, RiskScoreRepository, ScoringRoundJob } from '@hourglass/risk-scoring';
import type {
  CandidateSeen,
  RoundTiming,
  ScoringObservations,
  StoredScore,
} from './latency-protocol';

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/** Records what scoring did for `sampled` assets from now on. */
export class ScoringObserver {
  private readonly sampled = new Set<string>();
  private readonly stored = new Map<string, StoredScore[]>();
  private readonly seen = new Map<string, CandidateSeen[]>();
  private readonly rounds: RoundTiming[] = [];
  /** Whole scoring jobs (scores, warning policies, tasks) and billing runs, on the same event loop. */
  private readonly jobs: RoundTiming[] = [];
  private readonly billing: RoundTiming[] = [];
  private roundStartedAt = 0;

  constructor() {
    const scoring = AssetScoringService.prototype as unknown as Record<string, AnyMethod>;
    const repository = RiskScoreRepository.prototype as unknown as Record<string, AnyMethod>;
    this.wrap(scoring, 'scoreAll', (_, startedAt) =>
      this.rounds.push([startedAt, Date.now() - startedAt]),
    );
    const job = ScoringRoundJob.prototype as unknown as Record<string, AnyMethod>;
    const billing = BillingRunService.prototype as unknown as Record<string, AnyMethod>;
    this.wrap(job, 'run', (_, startedAt) => this.jobs.push([startedAt, Date.now() - startedAt]));
    this.wrap(billing, 'runAll', (_, startedAt) =>
      this.billing.push([startedAt, Date.now() - startedAt]),
    );
    this.wrap(repository, 'candidates', (result) => this.onCandidates(result));
    this.wrap(repository, 'saveMany', (result) => this.onSaved(result));
  }

  /** Assets to record (others are ignored). */
  sample(ids: readonly string[]): void {
    for (const id of ids) this.sampled.add(id);
  }

  snapshot(): ScoringObservations {
    return {
      stored: Object.fromEntries(this.stored),
      seen: Object.fromEntries(this.seen),
      rounds: [...this.rounds],
      jobs: [...this.jobs],
      billing: [...this.billing],
    };
  }

  private wrap(
    proto: Record<string, AnyMethod>,
    name: string,
    after: (result: unknown, startedAt: number) => void,
  ): void {
    const original = proto[name];
    const onStart = (at: number) => {
      if (name === 'scoreAll') this.roundStartedAt = at;
    };
    proto[name] = async function (this: unknown, ...args: unknown[]) {
      const startedAt = Date.now();
      onStart(startedAt);
      const result = await original.apply(this, args);
      after(result, startedAt);
      return result;
    };
  }

  private onCandidates(result: unknown): void {
    for (const c of result as Array<{ assetId: string; lastSeen: number }>) {
      if (!this.sampled.has(c.assetId)) continue;
      push(this.seen, c.assetId, [this.roundStartedAt, c.lastSeen]);
    }
  }

  private onSaved(result: unknown): void {
    const storedAt = Date.now();
    for (const s of result as Array<{ assetId: string; windowEnd: string }>) {
      if (!this.sampled.has(s.assetId)) continue;
      push(this.stored, s.assetId, [Date.parse(s.windowEnd), storedAt, this.roundStartedAt]);
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
