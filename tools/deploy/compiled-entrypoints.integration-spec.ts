import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceAccountSecret } from '@hourglass/broker-server';
import { CompiledProcess, REPO } from './compiled-process.fixture';

// Six processes each creating an embedded database at once on a small, busy machine: minutes.
const MASTER = 'compiled-entrypoints-test-master-secret';
const STARTUP_MS = 420_000;

/** The probe URL a process prints in its banner (the api's probes are on its HTTP port). */
const BANNER: Record<string, RegExp> = {
  api: /REST API on (http:\/\/[\d.]+:\d+)/,
  broker: /probes on (http:\/\/[\d.]+:\d+)/,
  ingest: /probes on (http:\/\/[\d.]+:\d+)/,
  scoring: /probes on (http:\/\/[\d.]+:\d+)/,
  billing: /probes on (http:\/\/[\d.]+:\d+)/,
  maintenance: /probes on (http:\/\/[\d.]+:\d+)/,
  platform: /console \/ REST API : (http:\/\/[\d.]+:\d+)/,
};

function compiledFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return compiledFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

describe('the compiled processes (the image entry point, outside a container)', () => {
  const dataDirs: string[] = [];
  const started: CompiledProcess[] = [];
  const env = (extra: Record<string, string> = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-compiled-'));
    dataDirs.push(dir);
    return {
      HG_HOST: '127.0.0.1',
      HG_HTTP_PORT: '0',
      HG_MQTT_PORT: '0',
      HG_PROBE_PORT: '0',
      HG_DATA_DIR: dir,
      HG_SIMULATOR: 'off',
      HG_SERVICE_PASSWORD: MASTER,
      HG_ADMIN_TOKEN: 'compiled-entrypoints-test-admin-token-0123456789',
      ...extra,
    };
  };
  const start = (args: string[], extra?: Record<string, string>) => {
    const child = CompiledProcess.start(args, env(extra));
    started.push(child);
    return child;
  };

  beforeAll(() => {
    const build = spawnSync(process.execPath, ['tools/build.js'], { cwd: REPO, encoding: 'utf8' });
    if (build.status !== 0)
      throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  });

  afterAll(() => {
    for (const child of started) child.kill();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('compiles every lib alias to a relative path: the processes need no loader', () => {
    const offending = compiledFiles(join(REPO, 'dist')).filter((file) =>
      /require\("(@hourglass\/[^"]+|[^"]+\.ts)"\)/.test(readFileSync(file, 'utf8')),
    );
    expect(offending).toEqual([]);
  });

  it('starts api, broker, ingest (subscribed to that broker), scoring, billing, maintenance and platform; each answers /livez and /readyz, the api its MQTT hooks, and each stops on SIGTERM', async () => {
    const broker = start(['broker']);
    const brokerUrl = (
      await broker.waitFor(/Hourglass broker on (mqtt:\/\/[\d.]+:\d+)/, STARTUP_MS)
    )[1];
    const urls: Record<string, string> = {};
    const processes: Record<string, CompiledProcess> = {
      broker,
      ingest: start(['ingest'], { HG_MQTT_URL: brokerUrl }),
      api: start(['api']),
      scoring: start(['scoring']),
      billing: start(['billing']),
      // maintenance relays device commands and reads device events on the broker (HG_MQTT_URL).
      maintenance: start(['maintenance'], { HG_MQTT_URL: brokerUrl }),
      platform: start(['platform']),
    };
    for (const [name, child] of Object.entries(processes)) {
      const probe = (await child.waitFor(BANNER[name], STARTUP_MS))[1];
      expect([name, await status(`${probe}/livez`)]).toEqual([name, 200]);
      expect([name, await status(`${probe}/readyz`)]).toEqual([name, 200]);
      urls[name] = probe;
    }
    // The api serves an external broker's hooks, behind the secret derived from HG_SERVICE_PASSWORD.
    const hook = await fetch(`${urls.api}/api/mqtt/authenticate`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${serviceAccountSecret(MASTER, 'svc-mqtt-hooks')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        clientid: 'svc-ingest-1',
        username: 'svc-ingest',
        password: serviceAccountSecret(MASTER, 'svc-ingest'),
      }),
    });
    expect({ status: hook.status, body: await hook.json() }).toEqual({
      status: 200,
      body: { result: 'allow', is_superuser: false },
    });
    // Ingest first, while its broker is still up: a clean drain.
    for (const name of [
      'ingest',
      'api',
      'scoring',
      'billing',
      'maintenance',
      'platform',
      'broker',
    ]) {
      processes[name].terminate();
      const exit = await processes[name].exited;
      expect([name, exit]).toEqual([name, { code: 0, signal: null }]);
    }
  }, 540_000);

  it('refuses an unknown process name with exit code 2 and the usage', async () => {
    const child = start(['nonsense']);
    expect(await child.exited).toEqual({ code: 2, signal: null });
    expect(child.log).toContain('usage: <api|broker|ingest|scoring|billing|maintenance|platform>');
  });
});
