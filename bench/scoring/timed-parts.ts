// Wrappers that time the parts of a scoring round (SQL candidates, SQL read, feature update,
// inference, SQL write) without changing them.
import { AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { RiskModel } from '@hourglass/risk-model';
import {
  RiskScoreRepository,
  UnitFeatureCache,
  type TelemetryWindowReader,
  type WindowRequest,
} from '@hourglass/risk-scoring';

/** Seconds spent per part since the last reset. */
export class PartTimes {
  read = 0;
  candidates = 0;
  /** Feature state rebuilt or extended, and feature vectors written ({@link timeFeatureCache}). */
  features = 0;
  predict = 0;
  write = 0;

  reset(): void {
    this.read = this.candidates = this.features = this.predict = this.write = 0;
  }

  snapshot(): Record<string, number> {
    return {
      read: this.read,
      candidates: this.candidates,
      features: this.features,
      predict: this.predict,
      write: this.write,
    };
  }
}

async function timed<T>(work: () => Promise<T>, add: (s: number) => void): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    add((performance.now() - t0) / 1000);
  }
}

export function timedReader(inner: TelemetryWindowReader, times: PartTimes): TelemetryWindowReader {
  return {
    read: (requests: readonly WindowRequest[], to: number, limit: number) =>
      timed(
        () => inner.read(requests, to, limit),
        (s) => (times.read += s),
      ),
  };
}

export class TimedScoreRepository extends RiskScoreRepository {
  constructor(
    db: SqlDatabase,
    private readonly times: PartTimes,
  ) {
    super(db, new AssetRepository(db));
  }

  override candidates(...args: Parameters<RiskScoreRepository['candidates']>) {
    return timed(
      () => super.candidates(...args),
      (s) => (this.times.candidates += s),
    );
  }

  override saveMany(...args: Parameters<RiskScoreRepository['saveMany']>) {
    return timed(
      () => super.saveMany(...args),
      (s) => (this.times.write += s),
    );
  }

  override markInstalled(...args: Parameters<RiskScoreRepository['markInstalled']>) {
    return timed(
      () => super.markInstalled(...args),
      (s) => (this.times.write += s),
    );
  }
}

/** The same model, its batched inference timed. */
export function timedModel(model: RiskModel, times: PartTimes): RiskModel {
  const wrapper = Object.create(model) as RiskModel;
  wrapper.predictFeatures = (features: Float32Array, n: number) => {
    const t0 = performance.now();
    try {
      return model.predictFeatures(features, n);
    } finally {
      times.predict += (performance.now() - t0) / 1000;
    }
  };
  return wrapper;
}

type CacheMethod = 'rebuild' | 'append' | 'write';

/**
 * Times every `UnitFeatureCache` rebuild, append and feature write into `times.features` until the
 * returned function is called. The scoring service keeps its cache private, so the class's
 * prototype is wrapped for the duration of a round (two `performance.now()` calls per asset).
 */
export function timeFeatureCache(times: PartTimes): () => void {
  const proto = UnitFeatureCache.prototype as unknown as Record<
    CacheMethod,
    (...args: unknown[]) => unknown
  >;
  const methods: CacheMethod[] = ['rebuild', 'append', 'write'];
  const originals = methods.map((name) => proto[name]);
  methods.forEach((name, i) => {
    const original = originals[i];
    proto[name] = function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        times.features += (performance.now() - t0) / 1000;
      }
    };
  });
  return () => methods.forEach((name, i) => (proto[name] = originals[i]));
}
