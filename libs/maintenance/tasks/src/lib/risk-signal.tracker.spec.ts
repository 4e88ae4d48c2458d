import { RiskSignalTracker, type RiskSignal } from './risk-signal.tracker';
import type { WarningPolicy } from './warning-policy.repository';

/** The definition, kept plainly: the last N flags of each asset and component in an array. */
class ReferenceTracker {
  private readonly states = new Map<string, { window: number; flags: number[]; armed: boolean }>();

  observe(assetId: string, component: string, signal: RiskSignal, policy: WarningPolicy): boolean {
    const window = Math.max(policy.window ?? policy.consecutive, policy.consecutive);
    const above = signal.probability >= policy.threshold;
    const key = `${assetId}/${component}`;
    let state = this.states.get(key);
    if (!state || state.window !== window) {
      // After a restart (or a new window) the stored run of scores above seeds the window.
      const run = Math.min(window, above ? Math.max(1, signal.consecutiveAbove) : 0);
      const flags = run > 0 ? new Array<number>(run).fill(1) : [0];
      state = { window, flags, armed: state?.armed ?? true };
      this.states.set(key, state);
    } else {
      state.flags = [...state.flags, above ? 1 : 0].slice(-window);
    }
    if (signal.probability < (policy.clearThreshold ?? policy.threshold)) state.armed = true;
    return state.armed && state.flags.reduce((a, b) => a + b, 0) >= policy.consecutive;
  }

  disarm(assetId: string, component: string): void {
    const state = this.states.get(`${assetId}/${component}`);
    if (state) state.armed = false;
  }

  forget(assetId: string): void {
    for (const key of [...this.states.keys()])
      if (key.startsWith(`${assetId}/`)) this.states.delete(key);
  }
}

/** A small LCG, so every run replays the same sequence. */
function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe(RiskSignalTracker.name, () => {
  // Windows on both sides of the tracker's bit-packed limit (30) with K near N/2, so decisions
  // turn on every flag; several components per asset, a policy now and then changing its window,
  // orders disarming and units replaced.
  it.each([1, 2, 3])('decides as the plain K-of-N definition on random sequence %d', (seed) => {
    const random = lcg(seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const newPolicy = (component: string): WarningPolicy => {
      const window = pick([1, 3, 5, 29, 30, 31, 32, 45]);
      return {
        assetType: 'turbofan',
        threshold: 0.5,
        horizon: 30,
        consecutive: Math.max(1, Math.round(window * (0.3 + random() * 0.3))),
        component,
        window,
        clearThreshold: pick([0.5, 0.3]),
      };
    };
    const components = ['hpc', 'fan', 'seal'];
    const policies = new Map(components.map((c) => [c, newPolicy(c)]));
    const sut = new RiskSignalTracker();
    const reference = new ReferenceTracker();
    const ours: boolean[] = [];
    const expected: boolean[] = [];
    for (let step = 0; step < 30_000; step++) {
      const assetId = pick(['a', 'b', 'c']);
      const component = pick(components);
      const action = random();
      if (action < 0.002) {
        sut.forget(assetId);
        reference.forget(assetId);
      } else if (action < 0.004) policies.set(component, newPolicy(component));
      else if (action < 0.02) {
        sut.disarm(assetId, component);
        reference.disarm(assetId, component);
      } else {
        const policy = policies.get(component) as WarningPolicy;
        const signal = { probability: random(), consecutiveAbove: Math.floor(random() * 50) };
        ours.push(sut.observe(assetId, component, signal, policy));
        expected.push(reference.observe(assetId, component, signal, policy));
      }
    }
    expect(ours.filter(Boolean).length).toBeGreaterThan(100);
    expect(ours).toEqual(expected);
  });
});
