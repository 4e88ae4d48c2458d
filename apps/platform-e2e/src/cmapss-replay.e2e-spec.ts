import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPlatformConfig } from '@hourglass/platform-config';
import type { HistoryRow } from '@hourglass/risk-features';
import { RiskModel, formatCmapss, parseCmapss } from '@hourglass/risk-model';
import { defaultModel, listModels } from '@hourglass/risk-scoring';
import { startPlatform, type RunningPlatform } from '@hourglass/runtime-services';
import { waitFor } from '@hourglass/testing-services';

const ROOT = resolve(__dirname, '../../..');
/** FD001 training units cut before failure, as in a C-MAPSS test file: unit -> rows kept. */
const ENGINES = new Map([
  [1, 80],
  [2, 131],
  [3, 177],
]);

interface AssetView {
  id: string;
  risk: { rul: number; modelVersion: string } | null;
}

/**
 * C-MAPSS engines replayed over MQTT with `npm run simulate` into a running platform: the RUL the
 * API reports for each engine must be what the same model predicts offline on the same rows.
 */
describe('C-MAPSS replay: API RUL equals the offline prediction', () => {
  let platform: RunningPlatform;
  let model: RiskModel;
  let dataDir: string;
  const token = 'e2e-replay-token-0123456789abcdefghij';
  const units = parseCmapss(readFileSync(join(ROOT, 'models/data/cmapss/train_FD001.txt'), 'utf8'));
  const engines = new Map<number, HistoryRow[]>(
    [...ENGINES].map(([unit, rows]) => [unit, units.get(unit)!.slice(0, rows)]),
  );

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${platform.httpUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hg-e2e-replay-'));
    const modelsDir = process.env['HG_MODEL_DIR'] ?? join(ROOT, 'models');
    const config = loadPlatformConfig({
      HG_HTTP_PORT: '0',
      HG_MQTT_PORT: '0',
      HG_DATA_DIR: dataDir,
      HG_ADMIN_TOKEN: token,
      HG_SIMULATOR: 'off',
      HG_SCORING_INTERVAL_MS: '200',
      HG_INGEST_FLUSH_MS: '20',
      HG_MODEL_DIR: modelsDir,
    });
    platform = await startPlatform(config, () => undefined);
    model = await RiskModel.load(
      defaultModel(listModels(modelsDir), process.env['HG_MODEL_VERSION'] || undefined)!.dir,
    );
  }, 180_000);

  afterAll(async () => {
    model?.dispose();
    await platform?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('reports, per engine, the RUL the model predicts offline on the replayed rows', async () => {
    const file = join(dataDir, 'test_engines.txt');
    writeFileSync(file, formatCmapss(engines));
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(
        'npm',
        [
          'run',
          '--silent',
          'simulate',
          '--',
          'cmapss',
          '--file',
          file,
          '--prefix',
          'replay-',
          '--speed',
          '15',
          '--url',
          platform.httpUrl,
          '--mqtt',
          platform.mqttUrl,
          '--token',
          token,
        ],
        { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      child.on('error', fail);
      child.on('exit', done);
    });
    expect(code).toBe(0);
    // Every row is acknowledged, hence stored; the next scoring rounds must reach these RULs.
    const offline = model.predict([...engines.values()]);
    const expected = Object.fromEntries(
      [...engines.keys()].map((unit, i) => [
        `replay-${unit}`,
        { rul: offline[i].rul, modelVersion: model.version },
      ]),
    );
    const reported = async () =>
      Object.fromEntries(
        (await api<{ items: AssetView[] }>('/api/assets')).items
          .filter((a) => a.id.startsWith('replay-'))
          .map((a) => [a.id, a.risk && { rul: a.risk.rul, modelVersion: a.risk.modelVersion }]),
      );
    const matches = (got: Record<string, { rul: number; modelVersion: string } | null>) =>
      Object.entries(expected).every(([id, e]) => {
        const r = got[id];
        return (
          r !== null &&
          r !== undefined &&
          r.modelVersion === e.modelVersion &&
          Math.abs(r.rul - e.rul) < 1e-3
        );
      });
    // No other device publishes once the replay ends: scoring in the platform's process hears of
    // the last rows from ingest's recorder (no wait for last_seen), so the next round (200 ms here)
    // scores them. 5 s is the documented publish-to-scored goal, with room for a loaded machine.
    await waitFor(async () => matches(await reported()), {
      timeoutMs: 5_000,
      intervalMs: 100,
      what: 'the API RUL of every engine equal to the offline prediction',
    }).catch(() => undefined);
    const got = await reported();
    // One comparison per engine, so a failure shows every engine's values.
    expect(Object.entries(expected).map(([id]) => ({ id, ...got[id] }))).toEqual(
      Object.entries(expected).map(([id, e]) => ({
        id,
        modelVersion: e.modelVersion,
        rul: expect.closeTo(e.rul, 3),
      })),
    );
    // The engines are at different ages: the check is not passing on one constant prediction.
    expect(new Set(offline.map((p) => Math.round(p.rul))).size).toBe(engines.size);
  }, 180_000);
});
