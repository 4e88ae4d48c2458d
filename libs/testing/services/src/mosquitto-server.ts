import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackage } from './debian-package-installer';
import { freePort } from './free-port';
import { startWithPortRetry } from './server-start';
import { isConnack, mqttConnectPacket, tcpExchange } from './tcp-probe';

const MOSQUITTO = '/usr/sbin/mosquitto';

/** Options of {@link startMosquitto}. */
export interface MosquittoOptions {
  /**
   * Extra mosquitto.conf lines appended after the harness's own (see mosquitto.conf(5)). Files
   * they name can be put in the server's `dir`. When they set `allow_anonymous`, the harness's
   * default (`allow_anonymous true`) is left out.
   */
  config?: string;
}

/** A running Mosquitto broker started by {@link startMosquitto}. */
export interface MosquittoServer {
  /** `mqtt://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Temporary directory holding mosquitto.conf and mosquitto.log. */
  dir: string;
  /** SIGTERM, SIGKILL after 10 s, then removes the directory. */
  stop(): Promise<void>;
}

/**
 * Starts Debian's Mosquitto 2.0 with one listener on 127.0.0.1 and a free port, anonymous
 * clients allowed by default and no persistence. Resolves once it answers an MQTT CONNECT.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoServer> {
  await ensureDebianPackage('mosquitto', MOSQUITTO, 'mosquitto');
  return startWithPortRetry('mosquitto', async (dir) => {
    const port = await freePort();
    const config = join(dir, 'mosquitto.conf');
    writeFileSync(config, mosquittoConfig(port, options.config ?? ''));
    return {
      spawn: {
        name: 'mosquitto',
        command: MOSQUITTO,
        args: ['-c', config],
        logFile: join(dir, 'mosquitto.log'),
      },
      // Any CONNACK will do: a config that refuses anonymous clients still proves the broker is up.
      ready: async () =>
        isConnack(await tcpExchange(port, mqttConnectPacket('hourglass-probe'), isConnack)),
      server: (stop) => ({ url: `mqtt://127.0.0.1:${port}`, port, dir, stop }),
    };
  });
}

function mosquittoConfig(port: number, extra: string): string {
  const setsAnonymous = /^\s*allow_anonymous\b/m.test(extra);
  return [
    '# Written by @hourglass/testing-services',
    // As root, Mosquitto would switch to the "mosquitto" user, which cannot read files tests put in the temp dir.
    'user root',
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_timestamp_format %Y-%m-%dT%H:%M:%S',
    `listener ${port} 127.0.0.1`,
    ...(setsAnonymous ? [] : ['allow_anonymous true']),
    extra,
    '',
  ].join('\n');
}
