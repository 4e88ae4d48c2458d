import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureDebianPackage, waitFor } from '@hourglass/testing-services';
import { BOOT_MS, PlatformProcess } from './platform-process.fixture';

// docs/connect-a-device.md runs as written: its code blocks are read from the markdown (so the
// guide and this test cannot drift) and run in order in one directory against the platform as
// `npm start` runs it, with the real mosquitto_pub, Debian's paho-mqtt and MQTT.js.
const ROOT = resolve(__dirname, '../../../../..');
const GUIDE = join(ROOT, 'docs/connect-a-device.md');
const ADMIN_TOKEN = 'connect-a-device-guide-admin-token-0123456789';
const DEBIAN_PYTHON = '/usr/bin/python3';

/** A fenced block of the guide: ```lang [file] ... ```. */
interface GuideBlock {
  lang: string;
  file?: string;
  code: string;
}

function guideBlocks(markdown: string): GuideBlock[] {
  return [...markdown.matchAll(/^```(\w+)(?: +(\S+))?\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1],
    ...(m[2] ? { file: m[2] } : {}),
    code: m[3],
  }));
}

interface ShellRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ShellRun> {
  const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Key sets of an object and of its nested plain objects, for comparing answers by shape. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, shape((value as Record<string, unknown>)[k])]),
  );
}

describe('docs/connect-a-device.md', () => {
  const blocks = guideBlocks(readFileSync(GUIDE, 'utf8'));
  const shell = blocks.filter((b) => b.lang === 'sh');
  const examples = blocks.filter((b) => b.lang === 'json');
  let platform: PlatformProcess;
  let workDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(
    async () => {
      await ensureDebianPackage('connect-a-device', '/usr/bin/mosquitto_pub', 'mosquitto-clients');
      await ensureDebianPackage(
        'connect-a-device',
        '/usr/lib/python3/dist-packages/paho/mqtt/client.py',
        'python3-paho-mqtt',
      );
      platform = await new PlatformProcess(mkdtempSync(join(tmpdir(), 'connect-a-device-')), {
        HG_ADMIN_TOKEN: ADMIN_TOKEN,
      }).started();
      workDir = mkdtempSync(join(tmpdir(), 'connect-a-device-work-'));
      // A reader's project has MQTT.js installed, and python3 with paho-mqtt first on the PATH.
      symlinkSync(join(ROOT, 'node_modules'), join(workDir, 'node_modules'));
      mkdirSync(join(workDir, 'bin'));
      symlinkSync(DEBIAN_PYTHON, join(workDir, 'bin', 'python3'));
      for (const block of blocks)
        if (block.file) writeFileSync(join(workDir, block.file), block.code);
      const mqttPort = /MQTT\s*:\s*mqtt:\/\/[^:]+:(\d+)/.exec(platform.stdout)?.[1];
      // A reader's shell: none of Jest's NODE_OPTIONS, none of this machine's HG_* settings.
      const inherited = Object.entries(process.env).filter(
        ([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('HG_'),
      );
      env = {
        ...Object.fromEntries(inherited),
        PATH: `${join(workDir, 'bin')}:${process.env['PATH'] ?? ''}`,
        HG_HTTP_PORT: String(platform.httpPort),
        HG_MQTT_PORT: mqttPort,
        HG_ADMIN_TOKEN: ADMIN_TOKEN,
      };
    },
    BOOT_MS + 20 * 60_000,
  );

  afterAll(async () => {
    if (platform) {
      platform.signal('SIGTERM');
      await platform.exited().catch(() => undefined);
      platform.dispose();
    }
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('has the blocks this test runs: setup, provision, three publishers, read back', () => {
    expect(blocks.filter((b) => b.file).map((b) => `${b.lang} ${b.file}`)).toEqual([
      'python publish.py',
      'js publish.mjs',
    ]);
    expect(shell.map((b) => b.code.split(/\s/, 1)[0])).toEqual([
      'export',
      'curl',
      'mosquitto_pub',
      'python3',
      'node',
      'curl',
    ]);
    expect(examples).toHaveLength(2);
  });

  it('provisions the device, publishes with each client, and reads the three samples back', async () => {
    const [setup, ...steps] = shell;
    const read = steps.pop() as GuideBlock;

    const run = await bash([setup, ...steps].map((b) => b.code).join('\n'), workDir, env);

    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const provisioned = JSON.parse(readFileSync(join(workDir, 'pump-7.json'), 'utf8'));
    expect(shape(provisioned)).toEqual(shape(JSON.parse(examples[0].code)));
    let answer: { items: { seq: number; metrics: Record<string, number> }[] } = { items: [] };
    await waitFor(
      async () => {
        const got = await bash(`${setup.code}\n${read.code}`, workDir, env);
        answer = JSON.parse(got.stdout);
        return answer.items.length >= 3;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'the three samples to be read back' },
    );
    expect(shape(answer)).toEqual(shape(JSON.parse(examples[1].code)));
    expect(answer.items.map((i) => [i.seq, i.metrics['temperature']])).toEqual([
      [1, 71.5],
      [2, 72.1],
      [3, 72.8],
    ]);
  }, 120_000);
});
