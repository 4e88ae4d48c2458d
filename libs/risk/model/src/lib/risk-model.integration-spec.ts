import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryRow } from '@hourglass/risk-features';
import { parseCmapss } from './cmapss-histories';
import { RiskModel } from './risk-model';
import { RiskModelError } from './risk-model-errors';

// The shipped artifacts themselves are under test here, not a model trained for the test.
const ROOT = path.resolve(__dirname, '../../../../..');
const SHIPPED = path.join(ROOT, 'models/fd001-mlp-v2');
const PREVIOUS = path.join(ROOT, 'models/fd001-mlp-v1');
const DATA = path.join(ROOT, 'models/data/cmapss/train_FD001.txt');

function folderBytes(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size);
  }, 0);
}

describe(RiskModel.name, () => {
  let sut: RiskModel;
  let units: Map<number, HistoryRow[]>;
  let scratch: string;
  const sample = [1, 17, 42, 73, 100];

  beforeAll(async () => {
    sut = await RiskModel.load(SHIPPED);
    units = parseCmapss(fs.readFileSync(DATA, 'utf8'));
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'risk-model-'));
  });

  afterAll(() => {
    sut?.dispose();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('describes itself consistently and stays small', () => {
    expect(sut.version).toBe(sut.card.version);
    expect(sut.version).toMatch(/^fd001-mlp-v2@[0-9a-f]{12}$/);
    expect(sut.horizon).toBe(30);
    expect(sut.card.crossValidation?.rmse).toBeLessThanOrEqual(12);
    expect(sut.card.crossValidation?.scorePer100).toBeLessThanOrEqual(250);
    expect(folderBytes(SHIPPED)).toBeLessThan(2 * 1024 * 1024);
  });

  it('predicts a short life near the end of a trajectory and a long one at the start', () => {
    const histories = sample.flatMap((id) => {
      const rows = units.get(id) ?? [];
      return [rows, rows.slice(0, 20)];
    });
    const predictions = sut.predict(histories);
    for (let k = 0; k < sample.length; k++) {
      const [end, start] = [predictions[2 * k], predictions[2 * k + 1]];
      expect(end.rul).toBeLessThan(40);
      expect(end.probability).toBeGreaterThan(0.5);
      expect(start.rul).toBeGreaterThan(80);
      expect(start.probability).toBeLessThan(0.05);
    }
  });

  it('raises the failure probability as a unit ages', () => {
    for (const id of sample) {
      const rows = units.get(id) ?? [];
      const cuts = [0.2, 0.4, 0.6, 0.8, 0.9, 1].map((f) =>
        rows.slice(0, Math.round(rows.length * f)),
      );
      const probabilities = sut.predict(cuts).map((p) => p.probability);
      probabilities
        .slice(1)
        .forEach((p, i) => expect(p).toBeGreaterThanOrEqual(probabilities[i] - 0.05));
    }
  });

  it('handles one-row histories and gives batched and single predictions alike', () => {
    const histories = sample.map((id) => (units.get(id) ?? []).slice(0, 1 + id));
    const batched = sut.predict(histories);
    histories.forEach((h, i) => expect(sut.predict([h])[0].rul).toBeCloseTo(batched[i].rul, 3));
    const [one] = sut.predict([(units.get(5) ?? []).slice(0, 1)]);
    expect(Number.isFinite(one.rul) && one.probability >= 0 && one.probability <= 1).toBe(true);
  });

  it('round-trips through saveModel and load', async () => {
    const copy = path.join(scratch, 'copy');
    await sut.saveModel(copy);
    const reloaded = await RiskModel.load(copy);
    const histories = sample.map((id) => units.get(id) ?? []);
    expect(reloaded.version).toBe(sut.version);
    expect(reloaded.predict(histories)).toEqual(sut.predict(histories));
    reloaded.dispose();
  });

  it('still loads the previous version, whose preparation has no slope windows', async () => {
    const previous = await RiskModel.load(PREVIOUS);
    expect(previous.version).toMatch(/^fd001-mlp-v1@[0-9a-f]{12}$/);
    expect(previous.spec.slopeWindows).toBeUndefined();
    const [end] = previous.predict([units.get(1) ?? []]);
    expect(end.rul).toBeLessThan(40);
    previous.dispose();
  });

  it('refuses artifacts that do not match the hash in the card', async () => {
    const tampered = path.join(scratch, 'tampered');
    fs.cpSync(SHIPPED, tampered, { recursive: true });
    const weights = path.join(tampered, sut.manifest.members[0], 'weights.bin');
    const bytes = fs.readFileSync(weights);
    bytes[100] ^= 0xff;
    fs.writeFileSync(weights, bytes);
    await expect(RiskModel.load(tampered)).rejects.toMatchObject({ code: 'MODEL_CORRUPT' });
    await expect(RiskModel.load(path.join(scratch, 'absent'))).rejects.toBeInstanceOf(
      RiskModelError,
    );
  });
});
