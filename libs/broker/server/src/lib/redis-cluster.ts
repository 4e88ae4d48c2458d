import { createRequire } from 'node:module';
import Redis from 'ioredis';
import mqemitterRedis from 'mqemitter-redis';

// aedes-persistence-redis ships no type declarations; its factory takes ioredis options or a connection.
const requireCjs = createRequire(__filename);
const persistenceRedis = requireCjs('aedes-persistence-redis') as (opts: {
  conn: Redis;
}) => unknown;

/** What aedes needs to share sessions, subscriptions, retained messages and routing through Redis. */
export interface RedisBrokerBackends {
  mq: unknown;
  persistence: unknown;
  /**
   * Deletes a session's inbound QoS 2 state and outgoing queue (aedes-persistence-redis has no
   * `cleanIncoming`, so without this a clean session's held QoS 2 packets outlive it).
   */
  purgeSession(clientId: string, parts?: { outgoing?: boolean }): Promise<void>;
  /** True while both Redis connections are up (for /health). */
  healthy(): boolean;
  close(): Promise<void>;
}

/** Redis-backed message routing (mqemitter-redis) and persistence (aedes-persistence-redis) for one broker node. */
export function redisBrokerBackends(url: string, log: (line: string) => void): RedisBrokerBackends {
  const conn = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  conn.on('error', (error: Error) => log(`broker: redis persistence: ${error.message}`));
  const mq = mqemitterRedis({ connectionString: url });
  const routing = mq as unknown as { pubConn: Redis; subConn: Redis };
  (mq as unknown as { state: NodeJS.EventEmitter }).state.on('error', (error: Error) =>
    log(`broker: redis routing: ${error.message}`),
  );
  const deleteMatching = async (pattern: string) => {
    const keys: string[] = [];
    for await (const batch of conn.scanStream({ match: pattern, count: 500 }) as AsyncIterable<
      string[]
    >)
      keys.push(...batch);
    for (let i = 0; i < keys.length; i += 500) await conn.del(...keys.slice(i, i + 500));
  };
  const glob = (id: string) => id.replace(/[*?[\]\\]/g, '\\$&');
  const purgeSession = async (clientId: string, parts: { outgoing?: boolean } = {}) => {
    await deleteMatching(`incoming:${glob(clientId)}:*`);
    if (parts.outgoing) {
      await conn.del(`outgoing:${clientId}`);
      await deleteMatching(`outgoing-id:${glob(clientId)}:*`);
    }
  };
  const persistence = persistenceRedis({ conn }) as {
    cleanIncoming?: (client: { id: string }) => Promise<void>;
  };
  // aedes calls this for clean sessions when they connect and when they end [MQTT-3.1.2-6].
  persistence.cleanIncoming = (client) => purgeSession(client.id);
  return {
    mq,
    persistence,
    purgeSession,
    // Sessions (persistence) and routing (mqemitter-redis's publish and subscribe connections).
    healthy: () => [conn, routing.pubConn, routing.subConn].every((c) => c.status === 'ready'),
    close: async () => {
      // aedes.close() resolves before the session clean-up of the last clients has reached Redis;
      // QUIT lets commands already sent finish instead of failing them.
      await conn.quit().catch(() => undefined);
    },
  };
}
