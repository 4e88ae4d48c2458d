import type { WarningPolicy } from './warning-policy.repository';

interface SignalState {
  /** Above (1) / below (0) flags of the latest scores in a ring of the policy's window. */
  ring: Uint8Array;
  /** Where the next flag goes, and how many slots hold one. */
  head: number;
  filled: number;
  /** Flags set in the ring: kept as it turns, so a score costs no scan of the window. */
  above: number;
  /** False from a model order until the risk goes below the clear threshold (hysteresis). */
  armed: boolean;
}

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
  /** Per asset, then per component: no key string is built per score, and an asset is forgotten at once. */
  private readonly states = new Map<string, Map<string, SignalState>>();

  /** Records a score of an asset's component; true when K of the last N count and the model may raise (armed). */
  observe(assetId: string, component: string, signal: RiskSignal, policy: WarningPolicy): boolean {
    const window = Math.max(policy.window ?? policy.consecutive, policy.consecutive);
    const above = signal.probability >= policy.threshold;
    let components = this.states.get(assetId);
    if (!components) this.states.set(assetId, (components = new Map()));
    let state = components.get(component);
    if (!state || state.ring.length !== window) {
      const run = Math.min(window, above ? Math.max(1, signal.consecutiveAbove) : 0);
      const ring = new Uint8Array(window);
      ring.fill(1, 0, run);
      state = {
        ring,
        head: Math.max(run, 1) % window,
        filled: Math.max(run, 1),
        above: run,
        armed: state?.armed ?? true,
      };
      components.set(component, state);
    } else {
      if (state.filled === window) state.above -= state.ring[state.head];
      else state.filled++;
      state.ring[state.head] = above ? 1 : 0;
      state.above += above ? 1 : 0;
      state.head = (state.head + 1) % window;
    }
    if (signal.probability < (policy.clearThreshold ?? policy.threshold)) state.armed = true;
    return state.armed && state.above >= policy.consecutive;
  }

  /** After an order (raised now, or found open): none again until the risk clears. */
  disarm(assetId: string, component: string): void {
    const state = this.states.get(assetId)?.get(component);
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
