import type { WarningPolicy } from './warning-policy.repository';

interface SignalState {
  component: string;
  /** N: the window the state was made for (a changed window starts it again). */
  window: number;
  /** Windows up to {@link BITS_WINDOW}: the flags, newest in bit 0 (slots never filled hold 0). */
  bits: number;
  /** Longer windows: above (1) / below (0) flags in a ring, where the next goes, and how many are filled. */
  ring: Uint8Array | null;
  head: number;
  filled: number;
  /** Flags set among the last N: kept as they turn, so a score costs no scan of the window. */
  above: number;
  /** False from a model order until the risk goes below the clear threshold (hysteresis). */
  armed: boolean;
  /** The asset's next component, if any (most assets have one: a chain is cheaper than a map). */
  next: SignalState | null;
}

/**
 * Windows up to this many scores keep their flags in one small integer beside the rest of the
 * state: at 100,000 assets a separate ring per asset cost a second memory access per score.
 */
const BITS_WINDOW = 30;

/** One score as the tracker sees it. */
export interface RiskSignal {
  probability: number;
  /** Scores in a row at or above the threshold, as risk/scoring carries it (seeds the ring after a restart). */
  consecutiveAbove: number;
}

/**
 * K of the last N scores per asset and component, and the hysteresis, kept in memory (cheap per
 * round; risk/scoring stores only the latest score and a run-length). After a restart the ring is
 * seeded from the score's `consecutiveAbove` (the run of scores above the threshold that risk
 * stored), so K in a row decides as before; flags below the threshold earlier in a window and the
 * disarmed state are lost: a restart may raise again an asset whose order closed while its risk
 * stayed high, unless the policy's cooldown (read from the orders table) covers it.
 */
export class RiskSignalTracker {
  /** Per asset its components' states: one map lookup per score, and an asset is forgotten at once. */
  private readonly states = new Map<string, SignalState>();
  private policy: WarningPolicy | null = null;
  private limits = { window: 1, threshold: 1, clearThreshold: 1, consecutive: 1 };

  /** Records a score of an asset's component; true when K of the last N count and the model may raise (armed). */
  observe(assetId: string, component: string, signal: RiskSignal, policy: WarningPolicy): boolean {
    if (policy !== this.policy) this.usePolicy(policy);
    const { window, threshold, clearThreshold, consecutive } = this.limits;
    const above = signal.probability >= threshold ? 1 : 0;
    const first = this.states.get(assetId);
    let state = first;
    while (state && state.component !== component) state = state.next ?? undefined;
    if (!state || state.window !== window) {
      state = this.seed(
        assetId,
        component,
        first,
        state,
        window,
        above ? signal.consecutiveAbove : -1,
      );
    } else if (state.ring === null) {
      state.above += above - ((state.bits >>> (window - 1)) & 1);
      state.bits = ((state.bits << 1) | above) & ((1 << window) - 1);
    } else {
      if (state.filled === window) state.above -= state.ring[state.head];
      else state.filled++;
      state.ring[state.head] = above;
      state.above += above;
      state.head = state.head + 1 === window ? 0 : state.head + 1;
    }
    if (signal.probability < clearThreshold) state.armed = true;
    return state.armed && state.above >= consecutive;
  }

  /** The limits of a policy, worked out once for the scores that share it (a round's type). */
  private usePolicy(policy: WarningPolicy): void {
    this.policy = policy;
    this.limits = {
      window: Math.max(policy.window ?? policy.consecutive, policy.consecutive),
      threshold: policy.threshold,
      clearThreshold: policy.clearThreshold ?? policy.threshold,
      consecutive: policy.consecutive,
    };
  }

  /**
   * A new state for the component (or the old one, for a changed window), its window seeded from
   * the stored run of scores above the threshold (`run` -1: this score is below, one slot of 0).
   */
  private seed(
    assetId: string,
    component: string,
    first: SignalState | undefined,
    state: SignalState | undefined,
    window: number,
    consecutiveAbove: number,
  ): SignalState {
    const run = consecutiveAbove < 0 ? 0 : Math.min(window, Math.max(1, consecutiveAbove));
    let ring: Uint8Array | null = null;
    if (window > BITS_WINDOW) {
      ring = new Uint8Array(window);
      ring.fill(1, 0, run);
    }
    const seeded = {
      window,
      bits: ring ? 0 : (1 << run) - 1,
      ring,
      head: Math.max(run, 1) % window,
      filled: Math.max(run, 1),
      above: run,
    };
    if (state) return Object.assign(state, seeded);
    const created: SignalState = { component, ...seeded, armed: true, next: first?.next ?? null };
    if (first) first.next = created;
    else this.states.set(assetId, created);
    return created;
  }

  /** After an order (raised now, or found open): none again until the risk clears. */
  disarm(assetId: string, component: string): void {
    let state = this.states.get(assetId);
    while (state && state.component !== component) state = state.next ?? undefined;
    if (state) state.armed = false;
  }

  /** Forgets an asset's state, every component's (a new unit was installed). */
  forget(assetId: string): void {
    this.states.delete(assetId);
  }

  /** Assets tracked (a gauge for memory). */
  get size(): number {
    return this.states.size;
  }
}
