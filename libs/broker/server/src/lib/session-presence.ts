/** The fields of an aedes client these classes read. */
interface SessionClient {
  id: string;
  clean: boolean;
}

/**
 * Which client ids hold a persistent session on this node, so that a CONNACK can say "session
 * present" (MQTT-3.2.2-2) for a clean-session-off reconnect or takeover. aedes 1.2 says so only
 * when the session has subscriptions. Sessions leave on a clean-session connect and on expiry.
 */
export class SessionPresence {
  private readonly sessions = new Set<string>();
  private readonly present = new WeakSet<object>();

  /** Records an admitted client; true when its CONNACK must carry session present = 1. */
  admitted(client: SessionClient): boolean {
    if (client.clean) {
      this.sessions.delete(client.id);
      return false;
    }
    const existed = this.sessions.has(client.id);
    this.sessions.add(client.id);
    if (existed) this.present.add(client);
    return existed;
  }

  /** Whether the CONNACK of `client` must say session present. */
  isPresent(client: object): boolean {
    return this.present.has(client);
  }

  /** The session of `clientId` expired or was removed. */
  forget(clientId: string): void {
    this.sessions.delete(clientId);
  }

  get size(): number {
    return this.sessions.size;
  }
}

/**
 * Keeps one connection's SUBSCRIBE behind its own retained PUBLISHes still being stored: aedes
 * handles the packets of one read concurrently, so a SUBSCRIBE that follows a retained PUBLISH could
 * see the message live (retain 0) instead of as the retained message it is (retain 1), as Mosquitto
 * and the order of the packets say.
 */
export class RetainedPublishOrder {
  private readonly pending = new WeakMap<
    object,
    { packets: Set<object>; waiters: Array<() => void> }
  >();

  constructor(private readonly fallbackMs = 1_000) {}

  /** A retained PUBLISH of `client` was authorized and is on its way to the store. */
  started(client: object, packet: object): void {
    let entry = this.pending.get(client);
    if (!entry) {
      entry = { packets: new Set(), waiters: [] };
      this.pending.set(client, entry);
    }
    entry.packets.add(packet);
    // A publish that fails never reports back: its waiters must not wait for ever.
    setTimeout(() => this.finished(client, packet), this.fallbackMs).unref();
  }

  /** aedes finished publishing `packet` (stored and routed). */
  finished(client: object, packet: object): void {
    const entry = this.pending.get(client);
    if (!entry?.packets.delete(packet) || entry.packets.size > 0) return;
    this.pending.delete(client);
    for (const waiter of entry.waiters) waiter();
  }

  /** Runs `next` once the retained PUBLISHes `client` sent so far are stored (at once if none). */
  afterPending(client: object, next: () => void): void {
    const entry = this.pending.get(client);
    if (entry) entry.waiters.push(next);
    else next();
  }
}
