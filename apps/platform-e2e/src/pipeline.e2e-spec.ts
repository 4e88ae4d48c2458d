import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { startPlatform, type RunningPlatform } from '@hourglass/runtime-services';
import { startInfluxDb, waitFor, type InfluxServer } from '@hourglass/testing-services';

interface Failure {
  deviceId: string;
  unit: number;
  cycle: number;
  at: number;
}

/**
 * The walking skeleton end to end on real components: the C-MAPSS demo fleet publishes over MQTT
 * to the embedded broker, ingest stores it in a real InfluxDB, the TF.js model scores it from
 * there, and a preventive-replacement task must be raised before an engine fails; billing records
 * must carry the operating hours.
 */
describe('walking skeleton: device to task and billing record', () => {
  let influx: InfluxServer;
  let platform: RunningPlatform;
  let dataDir: string;
  const failures: Failure[] = [];
  const token = 'e2e-admin-token-0123456789abcdefghij';

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${platform.httpUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    influx = await startInfluxDb();
    dataDir = mkdtempSync(join(tmpdir(), 'hg-e2e-'));
    const config = loadPlatformConfig({
      HG_HTTP_PORT: '0',
      HG_MQTT_PORT: '0',
      HG_DATA_DIR: dataDir,
      HG_ADMIN_TOKEN: token,
      HG_INFLUX_URL: influx.url,
      HG_INFLUX_TOKEN: influx.token,
      HG_INFLUX_ORG: influx.org,
      HG_INFLUX_BUCKET: influx.bucket,
      HG_SIMULATOR: 'cmapss',
      HG_SIM_DEVICES: '4',
      HG_SIM_SPEED: '10',
      HG_SCORING_INTERVAL_MS: '250',
      HG_RISK_CONSECUTIVE: '2',
      HG_BILLING_INTERVAL_MS: '1000',
      HG_INGEST_FLUSH_MS: '50',
      ...(process.env['HG_MODEL_DIR'] ? { HG_MODEL_DIR: process.env['HG_MODEL_DIR'] } : {}),
    });
    platform = await startPlatform(config, () => undefined);
    platform.fleet?.events.on('failure', (e) => failures.push({ deviceId: e.deviceId, unit: e.unit, cycle: e.cycle, at: Date.now() }));
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
    await influx?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('raises a preventive-replacement task before the engine fails', async () => {
    type Task = { assetId: string; createdAt: string; status: string; predictedRul: number; component: string };
    let warned: { task: Task; failure: Failure } | undefined;
    await waitFor(
      async () => {
        const { items } = await api<{ items: Task[] }>('/api/tasks');
        warned = failures
          .map((failure) => ({ failure, task: items.find((t) => t.assetId === failure.deviceId && Date.parse(t.createdAt) < failure.at) }))
          .find((p): p is { task: Task; failure: Failure } => p.task !== undefined);
        return warned !== undefined;
      },
      { timeoutMs: 240_000, intervalMs: 500, what: 'a task raised before an engine failure' },
    );
    if (!warned) throw new Error('unreachable: waitFor returned without a warned failure');
    const { task, failure } = warned;
    expect(task.component).toBe('hpc-module');
    expect(task.predictedRul).toBeLessThan(60);
    // The task came before the failure cycle: at 10 cycles/s, at least one cycle ahead of it.
    expect(failure.at - Date.parse(task.createdAt)).toBeGreaterThan(100);
  });

  it('stored the telemetry in InfluxDB and scored assets from it', async () => {
    const rows = await influx.query('select count("s11") from "telemetry"');
    expect(rows[0]?.count).toBeGreaterThan(100);
    const { items } = await api<{ items: Array<{ id: string; lastSeen: string | null; risk: { rul: number } | null }> }>(
      '/api/assets',
    );
    expect(items).toHaveLength(4);
    expect(items.filter((a) => a.risk !== null).length).toBeGreaterThan(0);
  });

  it('accumulates operating hours in billing records', async () => {
    const { items: contracts } = await api<{ items: Array<{ id: string; assetIds: string[] }> }>('/api/contracts');
    expect(contracts).toHaveLength(1);
    await waitFor(
      async () => {
        const { items } = await api<{ items: Array<{ runSeconds: number }> }>(`/api/contracts/${contracts[0].id}/billing-records`);
        return items.some((r) => r.runSeconds > 10);
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'billing records with operating time' },
    );
    const { items } = await api<{ items: Array<{ operatingHours: string; runSeconds: number; charge: string }> }>(
      `/api/contracts/${contracts[0].id}/billing-records`,
    );
    const total = items.reduce((s, r) => s + r.runSeconds, 0);
    expect(total).toBeGreaterThan(10);
    for (const r of items) expect(Number(r.operatingHours)).toBeCloseTo(r.runSeconds / 3600, 3);
  });
});
