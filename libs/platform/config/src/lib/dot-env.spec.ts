import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDotEnv } from './dot-env';

describe('loadDotEnv', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hg-dotenv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets the variables of the file that the environment does not have', () => {
    const file = join(dir, '.env');
    writeFileSync(
      file,
      '# a comment\nHG_MQTT_PORT=2883\nHG_HOST="0.0.0.0"\nexport HG_SIM_SPEED=5\nHG_API_PORT=9999\n',
    );
    const env: NodeJS.ProcessEnv = { HG_API_PORT: '3000' };
    const result = loadDotEnv(file, env);
    expect(env).toEqual({
      HG_API_PORT: '3000', // the environment wins over the file
      HG_MQTT_PORT: '2883',
      HG_HOST: '0.0.0.0',
      HG_SIM_SPEED: '5',
    });
    expect(result.file).toBe(file);
    expect([...result.loaded].sort()).toEqual(['HG_HOST', 'HG_MQTT_PORT', 'HG_SIM_SPEED']);
  });

  it('does nothing when there is no file', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnv(join(dir, '.env'), env)).toEqual({ file: null, loaded: [] });
    expect(env).toEqual({});
  });
});
