import { createRequire } from 'node:module';
import Redis from 'ioredis';
import mqemitterRedis from 'mqemitter-redis';

// aedes-persistence-redis ships no type declarations; its factory takes ioredis options or a connection.
const requireCjs = createRequire(__filename);
const persistenceRedis = requireCjs('aedes-persistence-redis') as (opts: { conn: Redis }) => unknown;

/** What aedes needs to share sessions, subscriptions, retained messages and routing through Redis. */
export interface RedisBrokerBackends {
  mq: unknown;
  persistence: unknown;
  /** True while both Redis connections are up (for /health). */
  healthy(): boolean;
  close(): Promise<void>;
}

/** Redis-backed message routing (mqemitter-redis) and persistence (aedes-persistence-redis) for one broker node. */
export function redisBrokerBackends(url: string, log: (line: string) => void): RedisBrokerBackends {
  const conn = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  conn.on('error', (error: Error) => log(`broker: redis persistence: ${error.message}`));
  const mq = mqemitterRedis({ connectionString: url });
  (mq as unknown as { state: NodeJS.EventEmitter }).state.on('error', (error: Error) => log(`broker: redis routing: ${error.message}`));
  return {
    mq,
    persistence: persistenceRedis({ conn }),
    healthy: () => conn.status === 'ready',
    close: async () => {
      // aedes.close() resolves before the session clean-up of the last clients has reached Redis;
      // QUIT lets commands already sent finish instead of failing them.
      await conn.quit().catch(() => undefined);
    },
  };
}
