import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Versions of the software the ingest bench measures or compares with (null: not found). */
export interface PeerVersions {
  node: string;
  aedes: string | null;
  mqttPacket: string | null;
  mosquitto: string | null;
  influxdb: string | null;
}

export function peerVersions(): PeerVersions {
  return {
    node: process.version,
    aedes: packageVersion('aedes'),
    mqttPacket: packageVersion('mqtt-packet'),
    // `mosquitto -h` prints "mosquitto version 2.0.11" first (and exits non-zero).
    mosquitto: firstMatch('/usr/sbin/mosquitto', ['-h'], /mosquitto version (\S+)/),
    influxdb: firstMatch('/usr/bin/influxd', ['version'], /InfluxDB v(\S+)/),
  };
}

/** The installed version of a dependency, read from its package.json beside its entry point. */
function packageVersion(name: string): string | null {
  try {
    let dir = dirname(require.resolve(name));
    while (!dir.endsWith(join('node_modules', name)) && dir !== dirname(dir)) dir = dirname(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? null;
  } catch {
    return null;
  }
}

function firstMatch(command: string, args: string[], pattern: RegExp): string | null {
  const out = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  return pattern.exec(`${out.stdout ?? ''}${out.stderr ?? ''}`)?.[1] ?? null;
}
