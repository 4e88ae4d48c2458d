import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A model version found in the models directory. */
export interface ModelEntry {
  /** The folder name. */
  name: string;
  /** `name@<content hash>` as the model card states it (the version stored with every score). */
  version: string;
  dir: string;
  card: Record<string, unknown>;
}

/** Lists model versions: every folder of `modelsDir` holding a `model-card.json`. */
export function listModels(modelsDir: string): ModelEntry[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(modelsDir, d.name, 'model-card.json')))
    .map((d) => {
      const card = JSON.parse(
        readFileSync(join(modelsDir, d.name, 'model-card.json'), 'utf8'),
      ) as Record<string, unknown>;
      return {
        name: d.name,
        version: typeof card['version'] === 'string' ? card['version'] : d.name,
        dir: join(modelsDir, d.name),
        card,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The version's stored evaluation report (`evaluation.json`: held-out RUL error, calibration,
 * classification and the warning backtest per threshold), or null when the folder has none.
 */
export function readEvaluation(entry: ModelEntry): Record<string, unknown> | null {
  const file = join(entry.dir, 'evaluation.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The entry whose folder name or `name@hash` version is `ref`, if any. */
export function findModel(models: readonly ModelEntry[], ref: string): ModelEntry | undefined {
  return models.find((m) => m.name === ref || m.version === ref);
}

/**
 * The version that serves while none was promoted: `pinned` (HG_MODEL_VERSION) when given, else
 * the newest folder (folders sort by name).
 */
export function defaultModel(
  models: readonly ModelEntry[],
  pinned?: string,
): ModelEntry | undefined {
  return pinned ? findModel(models, pinned) : models[models.length - 1];
}
