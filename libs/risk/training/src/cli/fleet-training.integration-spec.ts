import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { METRIC_NAMES, syntheticTrajectory } from '@hourglass/risk-features';

// The documented fleet-export path end to end: CSV telemetry plus JSON Lines labels, through the
// real command lines (tiny networks, so it takes seconds).
const ROOT = path.resolve(__dirname, '../../../../..');
const HOUR = 3600 * 1000;

function run(
  script: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['tools/run.js', `libs/risk/training/src/cli/${script}`, ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('fleet export training and evaluation', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-export-'));
    const lines = [['asset', 'ts', ...METRIC_NAMES].join(',')];
    const labels: string[] = [];
    let seed = 1;
    for (const asset of ['e-1', 'e-2', 'e-3', 'e-4']) {
      let ts = Date.UTC(2026, 0, 1);
      for (const life of [0, 1]) {
        const rows = syntheticTrajectory({ length: 70 + 9 * seed, seed: seed++ });
        for (const row of rows) {
          ts += HOUR;
          lines.push(
            [asset, new Date(ts).toISOString(), ...METRIC_NAMES.map((m) => row.metrics[m])].join(
              ',',
            ),
          );
        }
        const label =
          life === 0
            ? { kind: 'failure' }
            : { kind: 'replacement', confirmedDefect: asset !== 'e-4' };
        labels.push(JSON.stringify({ asset, ts, ...label }));
      }
      lines.push([asset, ts + HOUR, ...METRIC_NAMES.map(() => '')].join(',')); // a new unit, still running
    }
    fs.writeFileSync(path.join(dir, 'telemetry.csv'), lines.join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'labels.jsonl'), labels.join('\n') + '\n');
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('trains on the lives that ended in failure and evaluates them out of fold', () => {
    const model = path.join(dir, 'fleet-v1');
    const data = [
      '--telemetry',
      path.join(dir, 'telemetry.csv'),
      '--labels',
      path.join(dir, 'labels.jsonl'),
    ];
    const tiny = ['--folds', '2', '--cv-seeds', '1', '--seeds', '1', '--epochs', '2'];
    const trained = run('train.ts', [...data, '--out', model, ...tiny]);
    expect(trained.stderr).toContain('7 lives ending in failure; 5 censored lives left out');
    expect(trained.status).toBe(0);
    const card = JSON.parse(fs.readFileSync(path.join(model, 'model-card.json'), 'utf8'));
    expect(card.data.units).toBe(7);
    expect(card.data.license).toBe("The operator's own data.");
    expect(card.features.sensors).not.toContain('s1'); // constant in the export
    const held = JSON.parse(fs.readFileSync(path.join(model, 'held-out-predictions.json'), 'utf8'));
    expect(held.units.map((u: { id: string }) => u.id)).toEqual([
      'e-1#1',
      'e-1#2',
      'e-2#1',
      'e-2#2',
      'e-3#1',
      'e-3#2',
      'e-4#1',
    ]);
    expect(held.units[0].years).toBeCloseTo((79 - 1) / (365.25 * 24), 6);

    const evaluated = run('evaluate.ts', ['--model', model, ...data]);
    expect(evaluated.status).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(model, 'evaluation.json'), 'utf8'));
    expect(report.units).toBe(7);
    expect(report.source).toMatch(/^Out-of-fold predictions/);
    expect(fs.readFileSync(path.join(model, 'evaluation.html'), 'utf8')).toContain('<svg');
  }, 240_000);
});
