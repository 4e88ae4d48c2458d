import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_FLEET_UNITS } from './demo-fleet';

const MODELS = resolve(__dirname, '../../../models');

/** The folder `npm start` scores with when no version is promoted: the newest in name order. */
function servedModel(): string {
  const folders = readdirSync(MODELS, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'data')
    .map((e) => e.name)
    .sort();
  return folders[folders.length - 1];
}

describe('DEMO_FLEET_UNITS', () => {
  it("are exactly the units the served model's card says were held out of its training", () => {
    const card = JSON.parse(
      readFileSync(join(MODELS, servedModel(), 'model-card.json'), 'utf8'),
    ) as { data: { file: string; heldOut?: string[] } };

    expect(card.data.file).toBe('models/data/cmapss/train_FD001.txt');
    expect(card.data.heldOut?.map(Number)).toEqual([...DEMO_FLEET_UNITS]);
  });
});
