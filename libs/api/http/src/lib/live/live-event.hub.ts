import type { LiveEvent } from '@hourglass/contracts-api';
import { scopeAllows, type Scope } from '@hourglass/platform-tenancy';
import { LiveChangeDetector, type LiveAsset, type LiveOrder } from './live-change.detector';

/** Where the live poll reads (the owners' APIs, every tenant: the hub filters per subscriber). */
export interface LiveSources {
  /** Every asset with its state. */
  assets(): Promise<LiveAsset[]>;
  /** The newest `limit` orders, newest first. */
  newestOrders(limit: number): Promise<LiveOrder[]>;
}

/** How the live updates poll and stream (README "Live updates"). */
export interface LiveOptions {
  /** Time between polls while anyone listens, ms (default 2,000). */
  intervalMs: number;
  /** Comment line sent to idle streams so proxies keep them open, ms (default 15,000). */
  heartbeatMs: number;
  /** Newest orders read per poll (default 200): more raised within one interval are not announced. */
  orderPage: number;
  /** Streams open at once at most (default 1,000); past it a new one is refused with 503. */
  maxSubscribers: number;
}

export const DEFAULT_LIVE: Readonly<LiveOptions> = Object.freeze({
  intervalMs: 2_000,
  heartbeatMs: 15_000,
  orderPage: 200,
  maxSubscribers: 1_000,
});

interface Subscriber {
  scope: Scope;
  send(event: LiveEvent): void;
  end(): void;
}

/**
 * Fleet state changes and new orders for the console's live updates. One poll per process serves
 * every stream (polling SQL, so changes made by any process of the platform are seen), and runs
 * only while someone listens; each subscriber gets only the events of the tenants its scope sees.
 */
export class LiveEventHub {
  readonly options: LiveOptions;
  private readonly subscribers = new Set<Subscriber>();
  private readonly detector = new LiveChangeDetector();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly sources: LiveSources,
    options: Partial<LiveOptions> = {},
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.options = { ...DEFAULT_LIVE, ...options };
  }

  /** Starts sending `scope`'s events to `send`; false when the hub is full. `end` is called at shutdown. */
  subscribe(scope: Scope, send: (event: LiveEvent) => void, end: () => void): (() => void) | null {
    if (this.subscribers.size >= this.options.maxSubscribers) return null;
    const subscriber: Subscriber = { scope, send, end };
    this.subscribers.add(subscriber);
    if (!this.timer && !this.polling) void this.pollSoon(0);
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stop();
    };
  }

  /** How many streams are open. */
  get size(): number {
    return this.subscribers.size;
  }

  /** One poll: reads the sources and sends what changed to each subscriber that may see it. */
  async poll(): Promise<void> {
    const [assets, orders] = await Promise.all([
      this.sources.assets(),
      this.sources.newestOrders(this.options.orderPage),
    ]);
    const events: LiveEvent[] = [
      ...this.detector.assetChanges(assets),
      ...this.detector.newOrders(orders),
    ];
    for (const subscriber of this.subscribers)
      for (const event of events)
        if (scopeAllows(subscriber.scope, event.tenantId)) subscriber.send(event);
  }

  /** Ends every stream and stops polling (the API is shutting down: open streams would hold it). */
  close(): void {
    for (const subscriber of [...this.subscribers]) subscriber.end();
    this.subscribers.clear();
    this.stop();
  }

  /** Nest calls this when the app closes, before the HTTP server waits for its connections. */
  beforeApplicationShutdown(): void {
    this.close();
  }

  private pollSoon(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.polling = this.poll()
        .catch(this.onError)
        .finally(() => {
          this.polling = null;
          if (this.subscribers.size > 0) this.pollSoon(this.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.detector.reset();
  }
}
