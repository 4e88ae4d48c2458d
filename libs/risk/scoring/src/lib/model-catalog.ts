import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A model version found in the models directory. */
export interface ModelEntry {
  version: string;
  dir: string;
  card: Record<string, unknown>;
}

/** Lists model versions: every folder of `modelsDir` holding a `model-card.json`. */
export function listModels(modelsDir: string): ModelEntry[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(modelsDir, d.name, 'model-card.json')))
    .map((d) => ({
      version: d.name,
      dir: join(modelsDir, d.name),
      card: JSON.parse(readFileSync(join(modelsDir, d.name, 'model-card.json'), 'utf8')) as Record<string, unknown>,
    }))
    .sort((a, b) => a.version.localeCompare(b.version));
}
