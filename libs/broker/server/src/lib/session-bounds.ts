/** The parts of an aedes persistence the bounds wrap or call. */
export interface SessionPersistence {
  outgoingEnqueue(sub: { clientId: string }, packet: unknown): Promise<void>;
  outgoingEnqueueCombi(subs: Array<{ clientId: string }>, packet: unknown): Promise<void>;
  outgoingClearMessageId(client: { id: string }, packet: unknown): Promise<unknown>;
  cleanSubscriptions(client: { id: string }): Promise<unknown>;
}

/**
 * Distinct retained topics per device, so that one device cannot fill the retained store
 * (Mosquitto and EMQX cap retained messages too). Clearing a retained topic (empty payload,
 * MQTT 3.1.1 §3.3.1.3) gives its slot back. Counts what this node has seen.
 */
export class RetainedQuota {
  private readonly byDevice = new Map<string, Set<string>>();
  private total = 0;

  constructor(private readonly maxPerDevice: number) {}

  /** Whether the device may retain `topic`; records it when so. */
  admit(deviceId: string, topic: string, clearing: boolean): boolean {
    let topics = this.byDevice.get(deviceId);
    if (clearing) {
      if (topics?.delete(topic)) this.total--;
      if (topics?.size === 0) this.byDevice.delete(deviceId);
      return true;
    }
    if (topics?.has(topic)) return true;
    if ((topics?.size ?? 0) >= this.maxPerDevice) return false;
    if (!topics) this.byDevice.set(deviceId, (topics = new Set()));
    topics.add(topic);
    this.total++;
    return true;
  }

  get size(): number {
    return this.total;
  }
}

/**
 * Caps the QoS 1/2 messages queued per offline persistent session (aedes queues without limit for
 * a client that subscribed with clean=false and went away). Wraps the persistence's enqueue and
 * clear methods and keeps a count per client id; at the cap, newer messages for that session are
 * dropped (counted), like Mosquitto's `max_queued_messages`. A connected client is never bounded
 * here: aedes enqueues before it delivers and fails the delivery of what was not enqueued.
 * The count is this process's: meant for the single-node memory persistence.
 */
export class SessionQueueBound {
  private readonly depth = new Map<string, number>();
  private readonly unbounded = new Set<string>();
  private total = 0;

  constructor(
    private readonly maxPerSession: number,
    private readonly onDrop: (clientId: string) => void,
    /** Whether the client is connected (then its messages pass uncounted). */
    private readonly online: (clientId: string) => boolean = () => false,
  ) {}

  /**
   * Never bounds this session: the platform's own services (ingest) subscribe with persistent
   * sessions so that what arrives while a worker restarts waits for it. Devices were already
   * acknowledged for those messages; dropping them would lose telemetry.
   */
  exempt(clientId: string): void {
    this.unbounded.add(clientId);
  }

  /** The client came back: what is queued is being delivered, its count starts again. */
  connected(clientId: string): void {
    this.release(clientId, this.depth.get(clientId) ?? 0);
  }

  /** Installs the bound on `persistence` (its methods are replaced on the instance). */
  install(persistence: SessionPersistence): void {
    const enqueue = persistence.outgoingEnqueue.bind(persistence);
    const enqueueCombi = persistence.outgoingEnqueueCombi.bind(persistence);
    const clear = persistence.outgoingClearMessageId.bind(persistence);
    const clean = persistence.cleanSubscriptions.bind(persistence);
    persistence.outgoingEnqueue = async (sub, packet) => {
      if (this.admit(sub.clientId)) await enqueue(sub, packet);
    };
    persistence.outgoingEnqueueCombi = async (subs, packet) => {
      const admitted = subs.filter((s) => this.admit(s.clientId));
      if (admitted.length > 0) await enqueueCombi(admitted, packet);
    };
    persistence.outgoingClearMessageId = async (client, packet) => {
      const cleared = await clear(client, packet);
      if (cleared) this.release(client.id, 1);
      return cleared;
    };
    persistence.cleanSubscriptions = async (client) => {
      const result = await clean(client);
      this.release(client.id, this.depth.get(client.id) ?? 0);
      return result;
    };
  }

  /** Messages queued on this node over all sessions. */
  get size(): number {
    return this.total;
  }

  private admit(clientId: string): boolean {
    if (this.online(clientId) || this.unbounded.has(clientId)) return true;
    const depth = this.depth.get(clientId) ?? 0;
    if (depth >= this.maxPerSession) {
      this.onDrop(clientId);
      return false;
    }
    this.depth.set(clientId, depth + 1);
    this.total++;
    return true;
  }

  private release(clientId: string, n: number): void {
    const depth = this.depth.get(clientId) ?? 0;
    const taken = Math.min(depth, n);
    this.total -= taken;
    if (depth - taken <= 0) this.depth.delete(clientId);
    else this.depth.set(clientId, depth - taken);
  }
}

/**
 * Removes persistent sessions whose client stayed away longer than the expiry (MQTT 5's session
 * expiry, which MQTT 3.1.1 lacks: without it every clean=false session lives for ever). Expiry
 * removes the session's subscriptions, so nothing more is queued for it.
 */
export class SessionExpiry {
  private readonly away = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly persistence: SessionPersistence,
    private readonly expiryMs: number,
    /** Removes what else the persistence keeps for the session (its queue), when it can. */
    private readonly purge: (clientId: string) => Promise<void> = async () => undefined,
    private readonly onExpired: (clientId: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(
      () => void this.sweep(),
      Math.max(100, Math.min(expiryMs / 4, 60_000)),
    );
    this.timer.unref();
  }

  connected(clientId: string): void {
    this.away.delete(clientId);
  }

  disconnected(clientId: string, clean: boolean): void {
    if (!clean) this.away.set(clientId, this.now());
  }

  /** Sessions waiting to expire. */
  get size(): number {
    return this.away.size;
  }

  async sweep(): Promise<void> {
    const before = this.now() - this.expiryMs;
    for (const [id, since] of this.away) {
      if (since > before) continue;
      this.away.delete(id);
      await this.persistence.cleanSubscriptions({ id }).catch(() => undefined);
      await this.purge(id).catch(() => undefined);
      this.onExpired(id);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
