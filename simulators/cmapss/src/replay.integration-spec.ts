import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseCmapssFile } from '@hourglass/datasets-cmapss';
import { runReplayCommand } from './replay.command';
import { rowMetrics } from './telemetry-message';
import { FakeDeviceApi } from './testing/fake-device-api';
import { TestBroker } from './testing/test-broker';
import { waitFor } from './testing/wait-for';

const FIXTURE = join(__dirname, '__fixtures__', 'three-units.txt');
const UNITS = parseCmapssFile(readFileSync(FIXTURE, 'utf8'));
const ROOT = join(__dirname, '..', '..', '..');
const TOKEN = 'admin-token';

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

async function replay(args: string[]): Promise<Run> {
  const run: Run = { code: -1, stdout: [], stderr: [] };
  run.code = await runReplayCommand(
    args,
    {},
    {
      stdout: (line) => run.stdout.push(line),
      stderr: (line) => run.stderr.push(line),
    },
  );
  return run;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('cmapss replay against a real MQTT broker', () => {
  let broker: TestBroker;
  let api: FakeDeviceApi;

  const startApi = (options: { existing?: string[]; wrongPasswords?: boolean }) =>
    FakeDeviceApi.start({ token: TOKEN, onIssue: (id, c) => broker.allow(id, c), ...options });

  beforeEach(async () => {
    broker = await TestBroker.start(true);
    api = await startApi({ existing: ['engine-2'] });
  });

  afterEach(async () => {
    await api.close();
    await broker.close();
  });

  const common = (...extra: string[]) => [
    '--file',
    FIXTURE,
    '--speed',
    '400',
    '--url',
    api.url,
    '--mqtt',
    broker.url,
    ...extra,
  ];
  const args = (...extra: string[]) => common('--token', TOKEN, ...extra);
  const telemetryCount = () =>
    broker.published.filter((p) => p.topic.endsWith('/telemetry')).length;

  it('publishes every row exactly once, in order, with the right metrics, and exits 0', async () => {
    const started = Date.now();

    const run = await replay(args());

    expect(run.stderr.filter((line) => line.startsWith('cmapss:'))).toEqual([]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout[0])).toMatchObject({ devices: 3, messages: 28 });
    await waitFor(() => telemetryCount() >= 28, 'the broker to report 28 telemetry messages');
    for (const unit of UNITS) {
      const deviceId = `engine-${unit.unit}`;
      const received = broker.on(`devices/${deviceId}/telemetry`);
      expect(received.every((p) => p.clientId === deviceId && p.qos === 1 && !p.retain)).toBe(true);
      const messages = received.map((p) => JSON.parse(p.payload));
      expect(messages).toEqual(
        unit.rows.map((row, i) => ({
          ts: expect.any(Number),
          seq: i + 1,
          metrics: rowMetrics(row),
          state: 'RUN',
        })),
      );
      expect(
        messages.every((m) => Number.isInteger(m.ts) && m.ts >= started && m.ts <= Date.now()),
      ).toBe(true);
      expect(Object.keys(messages[0].metrics)).toEqual([
        'cycle',
        'setting1',
        'setting2',
        'setting3',
        ...Array.from({ length: 21 }, (_, i) => `s${i + 1}`),
      ]);
    }
    expect(telemetryCount()).toBe(28);
  });

  it('creates new devices, rotates the credentials of existing ones, and announces online then offline', async () => {
    const run = await replay(args());

    expect(run.code).toBe(0);
    await waitFor(
      () => broker.on('devices/engine-3/status').length === 2,
      'the last offline status',
    );
    await waitFor(() => broker.connectedClients === 0, 'every device to disconnect');
    expect(api.requests.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`)).toEqual([
      'POST /api/devices {"id":"engine-1","type":"turbofan"}',
      'POST /api/devices {"id":"engine-2","type":"turbofan"}',
      'POST /api/devices/engine-2/credentials {}',
      'POST /api/devices {"id":"engine-3","type":"turbofan"}',
    ]);
    expect(api.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    for (const id of ['engine-1', 'engine-2', 'engine-3']) {
      const statuses = broker.on(`devices/${id}/status`);
      expect(statuses.map((p) => [p.payload, p.retain])).toEqual([
        ['online', true],
        ['offline', true],
      ]);
    }
  });

  it('runs as `npm run simulate -- cmapss` in its own process and exits 0', async () => {
    const child = spawn(
      process.execPath,
      ['tools/run.js', 'simulators/cmapss/src/cli.ts', 'cmapss', ...common('--prefix', 'proc-')],
      {
        cwd: ROOT,
        env: { ...process.env, HG_ADMIN_TOKEN: TOKEN },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));

    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect({ code, stderr: stderr.split('\n').filter((l) => l.startsWith('cmapss:')) }).toEqual({
      code: 0,
      stderr: [],
    });
    expect(stderr).toMatch(/replay: done, 28 message\(s\) from 3 unit\(s\) acknowledged/);
    // Not a terminal: CliProgress lines, the last one at completion.
    expect(stderr).toMatch(/^replay: 28\/28 cycles \(100%\), done in \d+ s, 28 published$/m);
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '')).toMatchObject({
      devices: 3,
      messages: 28,
    });
    await waitFor(() => telemetryCount() >= 28, 'the broker to report 28 telemetry messages');
    for (const unit of UNITS) {
      const seqs = broker
        .on(`devices/proc-${unit.unit}/telemetry`)
        .map((p) => JSON.parse(p.payload).seq);
      expect(seqs).toEqual(unit.rows.map((_, i) => i + 1));
    }
  });

  it('exits 1 naming the problem when the API refuses the token', async () => {
    const run = await replay([...args(), '--token', 'wrong']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContainEqual(
      expect.stringMatching(
        /^cmapss: the API refused the token \(401\) when creating device engine-1/,
      ),
    );
    expect(broker.published).toEqual([]);
  });

  it('exits 1 when the API is unreachable', async () => {
    const port = await closedPort();

    const run = await replay([...args(), '--url', `http://127.0.0.1:${port}`]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContainEqual(
      expect.stringMatching(/^cmapss: cannot reach the API at .*ECONNREFUSED.*\(retryable\)$/),
    );
  });

  it('exits 1 when the broker refuses the credentials, leaving no connection behind', async () => {
    await api.close();
    api = await startApi({ wrongPasswords: true });

    const run = await replay(args());

    expect(run.code).toBe(1);
    expect(run.stderr).toContainEqual(
      expect.stringMatching(
        /^cmapss: the broker at mqtt:.* refused engine-\d: .*Bad username or password/,
      ),
    );
    await waitFor(() => broker.connectedClients === 0, 'every device to disconnect');
    expect(telemetryCount()).toBe(0);
  });

  it('exits 1 when the broker is unreachable', async () => {
    const port = await closedPort();

    const run = await replay([...args(), '--mqtt', `mqtt://127.0.0.1:${port}`]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContainEqual(
      expect.stringMatching(/^cmapss: cannot connect engine-\d to the broker at .*ECONNREFUSED/),
    );
  });
});
