import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openTestDatabase } from '@hourglass/testing-sql';
import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { freePort } from '@hourglass/testing-services';
import { seedScenario } from '../lib/fleet-export.fixture';

// `npm run fleet:export` as an operator runs it: configured by HG_* like the services, against an
// embedded data directory written by a platform that has stopped (PGlite is single-process).
const ROOT = path.resolve(__dirname, '../../../../..');
const CLI = 'libs/runtime/services/src/cli/fleet-export.ts';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('HG_')),
  );
  const child = spawn(process.execPath, ['tools/run.js', CLI, ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run fleet:export', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-export-cli-'));
    env = { HG_DATA_DIR: path.join(dir, 'data') };
    const db = await openTestDatabase({ dataDir: env['HG_DATA_DIR'] });
    await seedScenario(db, await EmbeddedTelemetryStore.open(db));
    await db.close();
  }, 60_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports, reporting progress on stderr and the summary as the last line of stdout', async () => {
    const out = path.join(dir, 'out');
    const args = [
      '--out',
      out,
      '--tenant',
      'acme',
      '--type',
      'turbofan',
      '--from',
      '2025-01-06',
      '--format',
      'csv',
    ];
    const result = await run(args, env);
    expect(result.stderr).toMatch(
      /^fleet-export: 2\/2 assets \(100%\), done in \d+ s, 125 points written$/m,
    );
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').pop() as string);
    expect(summary).toMatchObject({
      assets: 2,
      points: 125,
      labels: { failures: 1, replacements: 2 },
    });
    expect(fs.readFileSync(path.join(out, 'labels.csv'), 'utf8')).toBe(
      'asset,ts,kind,confirmedDefect\n' +
        'e-1,2025-01-07T16:00:00.000Z,failure,\n' +
        'e-1,2025-01-08T19:30:00.000Z,replacement,true\n' +
        'e-2,2025-01-07T06:30:00.000Z,replacement,false\n',
    );
  }, 30_000);

  it('fails with status 1 naming an unknown asset or an unreachable store, 2 on bad arguments', async () => {
    const out = path.join(dir, 'refused');
    const unknown = await run(['--out', out, '--assets', 'e-1,nope'], env);
    expect([unknown.status, unknown.stderr.trim().split('\n').pop()]).toEqual([
      1,
      'fleet-export: unknown asset: nope',
    ]);

    const influx = {
      ...env,
      HG_INFLUX_URL: `http://127.0.0.1:${await freePort()}`,
      HG_INFLUX_ORG: 'o',
      HG_INFLUX_BUCKET: 'b',
    };
    const unreachable = await run(['--out', out], influx);
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(
      /^fleet-export: InfluxDB \(HG_INFLUX_URL http:\/\/127\.0\.0\.1:\d+, bucket b\): InfluxDB unreachable: .* \(retryable\)$/m,
    );

    const noData = await run(['--out', out], { HG_DATA_DIR: path.join(dir, 'nothing-here') });
    expect(noData.status).toBe(1);
    expect(noData.stderr).toContain('no embedded database in');

    const bad = await run(['--out', out, '--from', 'last tuesday'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--from must be an RFC 3339 time');
    expect(bad.stderr).toContain('usage: npm run fleet:export -- --out DIR');
    expect(fs.existsSync(out)).toBe(false);

    const help = await run(['--help'], env);
    expect([help.status, help.stdout.split('\n')[0]]).toEqual([
      0,
      'usage: npm run fleet:export -- --out DIR [--from ISO] [--to ISO] [--assets a,b] [--type T] [--tenant T]',
    ]);
  }, 60_000);
});
