import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/** What {@link loadDotEnv} did: the file it read (or null when there was none) and the variables it set. */
export interface DotEnvResult {
  file: string | null;
  loaded: string[];
}

/**
 * Loads `KEY=value` lines from a `.env` file into `env` (Node's own parser: quotes, comments,
 * `export` prefixes), the way twelve-factor tools do: a variable already in the environment wins,
 * so `HG_MQTT_PORT=0 npm start` overrides the file. A missing file is not an error.
 */
export function loadDotEnv(
  path: string = resolve('.env'),
  env: NodeJS.ProcessEnv = process.env,
): DotEnvResult {
  if (!existsSync(path)) return { file: null, loaded: [] };
  const loaded: string[] = [];
  for (const [key, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    loaded.push(key);
  }
  return { file: path, loaded };
}
