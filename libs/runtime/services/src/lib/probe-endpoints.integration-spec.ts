import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@hourglass/testing-services';
import { ServiceProcess } from './service-process.fixture';

interface Probe {
  status: number;
  body: string;
}

async function get(port: number, path: string): Promise<Probe> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text() };
}

/** What `get` answers, or the error's message when nothing answers yet. */
const tryGet = (port: number, path: string): Promise<Probe | null> =>
  get(port, path).catch(() => null);

/** Item 16: the standalone broker and ingest processes serve /livez, /readyz and /metrics. */
describe('probe endpoints of the standalone broker and ingest processes', () => {
  const dirs: string[] = [];
  const processes: ServiceProcess[] = [];
  const sockets: Socket[] = [];

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(processes.map((p) => p.kill()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-probe-'));
    dirs.push(dir);
    return dir;
  };
  const start = (app: string, env: Record<string, string>) => {
    const p = ServiceProcess.start(app, {
      HG_SIMULATOR: 'off',
      HG_SERVICE_PASSWORD: 'probe-service-secret',
      ...env,
    });
    processes.push(p);
    return p;
  };
  const ready = (port: number, p: ServiceProcess) =>
    waitFor(async () => (await tryGet(port, '/readyz'))?.status === 200, {
      timeoutMs: 90_000,
      intervalMs: 200,
      what: `ready (${p.exitDescription ?? 'running'}: ${p.log})`,
    });

  it('scrapes /metrics, /livez and /readyz of both; readyz turns false while the broker drains', async () => {
    const [mqttPort, brokerProbe, ingestProbe] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const broker = start('broker', {
      HG_DATA_DIR: dataDir(),
      HG_MQTT_PORT: String(mqttPort),
      HG_PROBE_PORT: String(brokerProbe),
    });
    await ready(brokerProbe, broker);
    const ingest = start('ingest', {
      HG_DATA_DIR: dataDir(),
      HG_MQTT_URL: `mqtt://127.0.0.1:${mqttPort}`,
      HG_PROBE_PORT: String(ingestProbe),
    });
    await ready(ingestProbe, ingest);

    for (const port of [brokerProbe, ingestProbe]) {
      expect(await get(port, '/livez')).toMatchObject({ status: 200 });
      expect(JSON.parse((await get(port, '/readyz')).body)).toEqual({
        status: 'ready',
        notReady: {},
      });
    }
    expect((await get(brokerProbe, '/metrics')).body).toMatch(
      /^hg_broker_connections\{transport="tcp"\} 1$/m,
    );
    const ingestMetrics = (await get(ingestProbe, '/metrics')).body;
    expect(ingestMetrics).toContain('hg_ingest_spool_samples');
    // Standard process metric names, so stock Node.js dashboards work, and the build's facts.
    expect(ingestMetrics).toMatch(/^process_cpu_seconds_total \d/m);
    expect(ingestMetrics).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(ingestMetrics).toMatch(
      /^hg_build_info\{version="[^"]+",commit="[^"]+",node="v\d+[^"]*"\} 1$/m,
    );

    // A socket that never sends CONNECT holds the broker's drain until the connect timeout (10 s).
    const socket = connect({ host: '127.0.0.1', port: mqttPort });
    socket.on('error', () => undefined);
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    broker.terminate();
    await waitFor(async () => (await tryGet(brokerProbe, '/readyz'))?.status === 503, {
      timeoutMs: 5_000,
      intervalMs: 20,
      what: 'broker not ready while draining',
    });
    const draining = await tryGet(brokerProbe, '/readyz');
    expect(draining?.body).toMatch(/"process":"draining since/);
    expect((await tryGet(brokerProbe, '/livez'))?.status).toBe(200);
    // The worker lost its broker: not ready, naming why.
    await waitFor(
      async () =>
        (await tryGet(ingestProbe, '/readyz'))?.body.includes('disconnected from') ?? false,
      { timeoutMs: 15_000, what: 'ingest not ready without its broker' },
    );
    await broker.exited;
    expect(broker.exitDescription).toBe('exited with code 0');
  }, 180_000);
});
