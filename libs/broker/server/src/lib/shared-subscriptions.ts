import type { Aedes, Client } from 'aedes';
import { topicMatches } from './topic-policy';

const SHARE_PREFIX = '$share/';
/** Messages whose chosen member is remembered (all members of a group see a message within one emit). */
const REMEMBERED_CHOICES = 50_000;

/** A `$share/<group>/<filter>` subscription (MQTT 5 §4.8.2, as Mosquitto, EMQX and HiveMQ accept it over 3.1.1). */
export interface SharedFilter {
  group: string;
  filter: string;
}

/**
 * Parses a shared subscription. Null when `topic` is no shared subscription; `'invalid'` when it
 * starts with `$share/` but names no group or filter, or the group holds a wildcard (§4.8.2).
 */
export function parseSharedFilter(topic: string): SharedFilter | null | 'invalid' {
  if (!topic.startsWith(SHARE_PREFIX)) return null;
  const rest = topic.slice(SHARE_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return 'invalid';
  const group = rest.slice(0, slash);
  if (/[+#]/.test(group)) return 'invalid';
  return { group, filter: rest.slice(slash + 1) };
}

/** A publish as aedes hands it to subscribers: the broker id and counter name the message. */
export interface RoutedPacket {
  topic: string;
  payload: Buffer | string;
  qos: number;
  brokerId?: string | null;
  brokerCounter?: number;
  messageId?: number;
}

/** The part of aedes' persistence used to queue and move a group's messages. */
interface SharePersistence {
  outgoingEnqueueCombi(
    subs: Array<{ clientId: string; topic: string; qos: number }>,
    packet: RoutedPacket,
  ): Promise<unknown>;
  outgoingStream(client: { id: string }): AsyncIterable<RoutedPacket>;
  outgoingClearMessageId(client: { id: string }, packet: RoutedPacket): Promise<unknown>;
}

/** The aedes client internals a handover needs (deliverQoS is how aedes itself delivers). */
type DeliveringClient = Client & {
  deliverQoS(packet: RoutedPacket, cb: () => void): void;
  clean: boolean;
};

/** One group on one filter: who is connected, whose persistent session is away, whose turn it is. */
class ShareGroup {
  readonly online: Client[] = [];
  /** Granted QoS of each connected member. */
  readonly qos = new WeakMap<Client, number>();
  /** Client id -> QoS of members with a persistent session who are disconnected. */
  readonly away = new Map<string, number>();
  private turn = 0;

  constructor(
    readonly key: string,
    readonly filter: string,
  ) {}

  /** The next connected member, round-robin. */
  next(): Client | undefined {
    const live = this.online.filter((c) => !c.closed);
    if (live.length === 0) return undefined;
    return live[this.turn++ % live.length];
  }

  /** The next away member (persistent session), round-robin. */
  nextAway(): [string, number] | undefined {
    const ids = [...this.away];
    return ids.length === 0 ? undefined : ids[this.turn++ % ids.length];
  }
}

/**
 * Shared subscriptions on one broker node: each message matching a group's filter goes to exactly
 * one of its members. aedes 1.2 has none (it would accept `$share/...` and deliver nothing), so the
 * broker subscribes each member to the plain filter and lets only the chosen member pass in
 * `authorizeForward`; the persistence keeps the `$share/...` form, so offline queues and retained
 * messages (none for shared subscriptions, §4.8.2) stay out of the way. When no member is
 * connected, a message is queued for one member with a persistent session; when a member with a
 * persistent session leaves with messages unacknowledged, they go to another connected member.
 */
export class SharedSubscriptions {
  private readonly groups = new Map<string, ShareGroup>();
  private readonly memberships = new WeakMap<Client, ShareGroup[]>();
  /** `brokerId:counter` of a message -> the client id it goes to. */
  private readonly chosen = new Map<string, string>();
  /** Like `chosen`, for messages queued to an away member: kept until delivered. */
  private readonly reserved = new Map<string, string>();

  constructor(
    private readonly aedes: () => Aedes,
    private readonly persistence: SharePersistence,
    private readonly log: (line: string) => void,
  ) {}

  /** Whether the client is in a group on `filter` (a plain subscription to it would then clash). */
  holds(client: Client, filter: string): boolean {
    return (this.memberships.get(client) ?? []).some((g) => g.filter === filter);
  }

  /**
   * Adds the client to the group. Returns why not when the client already subscribes to the same
   * filter otherwise (one subscription per filter and client in aedes).
   */
  join(client: Client, shared: SharedFilter, qos: number): string | null {
    const key = `${shared.group}\u0000${shared.filter}`;
    const mine = this.memberships.get(client) ?? [];
    if (mine.some((g) => g.key === key)) return null;
    const plain = (client as Client & { subscriptions?: Record<string, unknown> }).subscriptions?.[
      shared.filter
    ];
    if (plain || mine.some((g) => g.filter === shared.filter))
      return `client already subscribes to ${shared.filter}`;
    const group = this.groupOf(key, shared.filter);
    group.away.delete(client.id);
    group.online.push(client);
    group.qos.set(client, qos);
    this.memberships.set(client, [...mine, group]);
    return null;
  }

  /** Removes the client from the group named by an UNSUBSCRIBE, and its plain subscription with it. */
  unsubscribe(client: Client, topic: string): void {
    const shared = parseSharedFilter(topic);
    if (!shared || shared === 'invalid') return;
    const key = `${shared.group}\u0000${shared.filter}`;
    const mine = this.memberships.get(client) ?? [];
    const group = mine.find((g) => g.key === key);
    if (!group) return;
    this.memberships.set(
      client,
      mine.filter((g) => g !== group),
    );
    this.removeOnline(group, client);
    const subscriptions = (
      client as Client & { subscriptions: Record<string, { func: (...args: never[]) => void }> }
    ).subscriptions;
    const sub = subscriptions[shared.filter];
    if (sub) {
      delete subscriptions[shared.filter];
      this.aedes().unsubscribe(shared.filter, sub.func as never, () => undefined);
    }
  }

  /** A member's connection ended: a persistent one stays in its groups while away; its unacknowledged messages move on. */
  left(client: Client): void {
    const mine = this.memberships.get(client);
    if (!mine) return;
    this.memberships.delete(client);
    const persistent = !(client as DeliveringClient).clean;
    for (const group of mine) {
      this.removeOnline(group, client);
      if (persistent) group.away.set(client.id, group.qos.get(client) ?? 0);
    }
    if (persistent)
      void this.handOver(client, mine).catch((error: Error) =>
        this.log(`broker: shared subscription handover failed for ${client.id}: ${error.message}`),
      );
  }

  /**
   * `authorizeForward` for members: true when this client is the one the message goes to, or is in
   * no group matching the topic (a plain subscriber).
   */
  forward(client: Client, packet: RoutedPacket): boolean {
    const groups = (this.memberships.get(client) ?? []).filter((g) =>
      topicMatches(g.filter, packet.topic),
    );
    if (groups.length === 0) return true;
    const key = `${packet.brokerId}:${packet.brokerCounter}`;
    const reserved = this.reserved.get(key);
    if (reserved !== undefined) {
      if (reserved !== client.id) return false;
      this.reserved.delete(key);
      return true;
    }
    return groups.some((group) => this.choiceOf(group, key) === client.id);
  }

  /**
   * Wraps the persistence's enqueue, which aedes calls for every QoS 1/2 message before routing it:
   * the member each group's copy goes to is chosen here, and queued when its session is persistent
   * (aedes delivers to a persistent session only what was queued for it).
   */
  install(persistence: SharePersistence): void {
    const enqueue = persistence.outgoingEnqueueCombi.bind(persistence);
    this.enqueue = enqueue;
    persistence.outgoingEnqueueCombi = (subs, packet) =>
      enqueue([...subs, ...this.queuedMembers(packet)], packet);
  }

  private enqueue: SharePersistence['outgoingEnqueueCombi'] = (subs, packet) =>
    this.persistence.outgoingEnqueueCombi(subs, packet);

  /** Chooses the member of every group matching the message; those with a persistent session get it queued. */
  private queuedMembers(
    packet: RoutedPacket,
  ): Array<{ clientId: string; topic: string; qos: number }> {
    if (packet.topic.startsWith('$')) return [];
    const key = `${packet.brokerId}:${packet.brokerCounter}`;
    const queued: Array<{ clientId: string; topic: string; qos: number }> = [];
    for (const group of this.groups.values()) {
      if (!topicMatches(group.filter, packet.topic)) continue;
      const online = group.next() as DeliveringClient | undefined;
      if (online) {
        this.remember(group, key, online.id);
        const qos = group.qos.get(online) ?? 0;
        if (!online.clean && qos > 0)
          queued.push({ clientId: online.id, topic: packet.topic, qos });
        continue;
      }
      const away = group.nextAway();
      if (!away || away[1] === 0) continue;
      this.reserved.set(key, away[0]);
      queued.push({ clientId: away[0], topic: packet.topic, qos: away[1] });
    }
    return queued;
  }

  /** Forgets a persistent member whose session expired or was cleaned. */
  forget(clientId: string): void {
    for (const group of this.groups.values()) group.away.delete(clientId);
  }

  private groupOf(key: string, filter: string): ShareGroup {
    let group = this.groups.get(key);
    if (!group) {
      group = new ShareGroup(key, filter);
      this.groups.set(key, group);
    }
    return group;
  }

  /** The member a message goes to: chosen at enqueue (QoS 1/2) or now (QoS 0). */
  private choiceOf(group: ShareGroup, messageKey: string): string | undefined {
    const id = this.chosen.get(`${group.key}\u0000${messageKey}`);
    if (id !== undefined) return id;
    const next = group.next()?.id;
    if (next !== undefined) this.remember(group, messageKey, next);
    return next;
  }

  private remember(group: ShareGroup, messageKey: string, clientId: string): void {
    this.chosen.set(`${group.key}\u0000${messageKey}`, clientId);
    if (this.chosen.size > REMEMBERED_CHOICES)
      this.chosen.delete(this.chosen.keys().next().value as string);
  }

  private removeOnline(group: ShareGroup, client: Client): void {
    const at = group.online.indexOf(client);
    if (at >= 0) group.online.splice(at, 1);
  }

  /** Moves the QoS 1 messages a departed member left unacknowledged to connected members of its groups. */
  private async handOver(client: Client, groups: ShareGroup[]): Promise<void> {
    const moving: RoutedPacket[] = [];
    for await (const packet of this.persistence.outgoingStream(client)) {
      if (
        packet.messageId !== undefined &&
        groups.some((g) => topicMatches(g.filter, packet.topic))
      )
        moving.push(packet);
    }
    const aedes = this.aedes() as Aedes & { id: string; counter: number };
    for (const packet of moving) {
      const group = groups.find((g) => topicMatches(g.filter, packet.topic));
      const target = group?.next() as DeliveringClient | undefined;
      if (!target) continue;
      await this.persistence.outgoingClearMessageId(client, packet);
      // A new broker counter: the target's duplicate filter would drop an older one.
      const fresh: RoutedPacket & Record<string, unknown> = {
        cmd: 'publish',
        topic: packet.topic,
        payload: packet.payload,
        qos: packet.qos,
        retain: false,
        dup: false,
        brokerId: aedes.id,
        brokerCounter: ++aedes.counter,
      };
      this.reserved.set(`${fresh.brokerId}:${fresh.brokerCounter}`, target.id);
      // A persistent session is delivered only what was queued for it first.
      if (!target.clean)
        await this.enqueue([{ clientId: target.id, topic: packet.topic, qos: 1 }], fresh);
      target.deliverQoS(fresh, () => undefined);
    }
    if (moving.length > 0)
      this.log(
        `broker: ${moving.length} unacknowledged shared-subscription messages of ${client.id} handed to other members`,
      );
  }
}
