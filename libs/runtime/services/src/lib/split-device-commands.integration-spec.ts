import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { TaskHistoryEntryResponse, TaskResponse } from '@hourglass/contracts-api';
import { freePort, startPostgres, waitFor, type PostgresServer } from '@hourglass/testing-services';
import { ServiceProcess } from './service-process.fixture';

const TOKEN = 'split-commands-admin-token-0123456789abcdef';
const DEVICE = 'split-engine-1';
const COMMAND_TOPIC = `devices/${DEVICE}/commands/maintenance`;
const DAY_MS = 86_400_000;

/**
 * Issue 14's maintenance commands over MQTT when the platform runs as separate processes (broker,
 * maintenance and api on one PostgreSQL): an order raised by the maintenance process's plan round
 * and changed through the api process reaches the device as its retained open-order list, published
 * by the maintenance process's relay, which was started before the broker; the device's event is recorded against the order; closing the
 * last order clears the retained message.
 */
describe('maintenance commands from split processes', () => {
  let postgres: PostgresServer;
  const processes: ServiceProcess[] = [];
  const dirs: string[] = [];
  let device: MqttClient | undefined;
  let httpUrl: string;

  afterAll(async () => {
    await device?.endAsync();
    await Promise.all(processes.map((p) => p.kill()));
    await postgres?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const start = (app: string, env: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), `hg-split-${app}-`));
    dirs.push(dataDir);
    const p = ServiceProcess.start(app, {
      HG_DATABASE_URL: postgres.url,
      HG_DATA_DIR: dataDir,
      HG_SIMULATOR: 'off',
      HG_SERVICE_PASSWORD: 'split-commands-service-secret',
      HG_PROBE_PORT: '0',
      ...env,
    });
    processes.push(p);
    return p;
  };
  const started = (p: ServiceProcess, banner: string) =>
    waitFor(() => p.log.includes(banner), {
      timeoutMs: 120_000,
      intervalMs: 200,
      what: `${banner} (${p.exitDescription ?? 'running'}: ${p.log})`,
    });
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  it('publishes the orders every process changes, reads the device events, clears the last', async () => {
    postgres = await startPostgres();
    const [httpPort, mqttPort] = [await freePort(), await freePort()];
    httpUrl = `http://127.0.0.1:${httpPort}`;
    const apiProcess = start('api', { HG_HTTP_PORT: String(httpPort), HG_ADMIN_TOKEN: TOKEN });
    await started(apiProcess, 'Hourglass api: REST API');
    const { credentials } = await api<{ credentials: { username: string; password: string } }>(
      'POST',
      '/api/devices',
      { id: DEVICE, type: 'turbofan' },
    );
    // Due five days ago: the maintenance process's first plan round raises the order.
    await api('POST', '/api/maintenance-plans', {
      tenantId: 'default',
      name: 'split: HPC seals',
      assetType: 'turbofan',
      component: 'hpc-module',
      intervalDays: 5,
      leadDays: 1,
      startsAt: new Date(Date.now() - 10 * DAY_MS).toISOString(),
    });
    // The maintenance process starts before its broker (a restart order users cannot always
    // choose): it must come up, keep retrying, and deliver once the broker is there.
    const maintenance = start('maintenance', { HG_MQTT_URL: `mqtt://127.0.0.1:${mqttPort}` });
    await started(maintenance, 'Hourglass maintenance:');
    await waitFor(() => maintenance.log.includes('unreachable'), {
      timeoutMs: 30_000,
      what: `the maintenance process saying the broker is unreachable (${maintenance.log})`,
    });
    await started(start('broker', { HG_MQTT_PORT: String(mqttPort) }), 'Hourglass broker on');

    const messages: string[] = [];
    device = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      clientId: DEVICE,
      ...credentials,
      reconnectPeriod: 0,
    });
    device.on('message', (topic, payload) => {
      if (topic === COMMAND_TOPIC) messages.push(payload.toString());
    });
    await device.subscribeAsync(COMMAND_TOPIC, { qos: 1 });

    const lastOrders = () => {
      const last = messages.at(-1);
      return last
        ? (JSON.parse(last) as { orders: Array<{ orderId: string; status: string }> })
        : null;
    };
    await waitFor(() => lastOrders()?.orders.length === 1, {
      timeoutMs: 60_000,
      what: `the plan's order on ${COMMAND_TOPIC} (${maintenance.log})`,
    });
    const orderId = lastOrders()?.orders[0].orderId as string;
    expect(lastOrders()?.orders[0].status).toBe('OPEN');

    await api<TaskResponse>('PATCH', `/api/tasks/${orderId}`, { status: 'ACKNOWLEDGED' });
    await waitFor(() => lastOrders()?.orders[0]?.status === 'ACKNOWLEDGED', {
      timeoutMs: 30_000,
      what: 'the acknowledgement made through the api process, published by the relay',
    });

    await device.publishAsync(
      `devices/${DEVICE}/events`,
      JSON.stringify({
        type: 'part_replaced',
        component: 'hpc-module',
        partNumber: 'HPC-SEAL-KIT-12',
        ts: Date.now(),
      }),
      { qos: 1 },
    );
    await waitFor(
      async () =>
        (
          await api<{ items: TaskHistoryEntryResponse[] }>('GET', `/api/tasks/${orderId}/history`)
        ).items.some((e) => e.kind === 'NOTE' && e.actor === `device:${DEVICE}`),
      { timeoutMs: 30_000, what: "the device's event noted on the order" },
    );

    await api('PATCH', `/api/tasks/${orderId}`, { status: 'IN_PROGRESS' });
    await api('PATCH', `/api/tasks/${orderId}`, {
      status: 'DONE',
      report: {
        outcome: 'DEFECT_CONFIRMED_REPLACED',
        failureCode: 'HPC-MODULE-REPLACED',
        parts: [{ partNumber: 'HPC-SEAL-KIT-12', quantity: 1 }],
        labourHours: 2,
      },
    });
    await waitFor(() => messages.at(-1) === '', {
      timeoutMs: 30_000,
      what: 'the retained open-order list cleared once the last order closed',
    });
  }, 300_000);
});
