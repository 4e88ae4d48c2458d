import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackage } from './debian-package-installer';
import { freePort } from './free-port';
import { startWithPortRetry, type StartAttempt } from './server-start';
import { tcpExchange } from './tcp-probe';

const REDIS_SERVER = '/usr/bin/redis-server';

/** A running redis-server started by {@link startRedis}. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Temporary directory holding redis.conf and redis.log. */
  dir: string;
  /** SIGTERM, SIGKILL after 10 s, then removes the directory. */
  stop(): Promise<void>;
}

/**
 * Starts Debian's redis-server on 127.0.0.1 and a free port, without persistence (no RDB
 * snapshots, no AOF), in a temporary directory. Resolves once it answers PING with +PONG.
 */
export async function startRedis(): Promise<RedisServer> {
  await ensureDebianPackage('redis', REDIS_SERVER, 'redis-server');
  return startWithPortRetry('redis', async (dir): Promise<StartAttempt<RedisServer>> => {
    const port = await freePort();
    const config = join(dir, 'redis.conf');
    writeFileSync(config, redisConfig(port, dir));
    return {
      spawn: {
        name: 'redis-server',
        command: REDIS_SERVER,
        args: [config],
        logFile: join(dir, 'redis.log'),
      },
      ready: async () =>
        (await tcpExchange(port, 'PING\r\n', (r) => r.includes('\r\n'))).toString() === '+PONG\r\n',
      server: (stop) => ({ url: `redis://127.0.0.1:${port}`, port, dir, stop }),
    };
  });
}

function redisConfig(port: number, dir: string): string {
  return [
    'bind 127.0.0.1',
    `port ${port}`,
    'daemonize no',
    `dir ${dir}`,
    'save ""',
    'appendonly no',
    'loglevel warning',
    'logfile ""',
    'databases 16',
    '',
  ].join('\n');
}
