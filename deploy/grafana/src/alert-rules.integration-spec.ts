import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureDebianPackage } from '@hourglass/testing-services';

const PROMTOOL = '/usr/bin/promtool';
const RULES_DIR = join(__dirname, '..', '..', 'prometheus');

function promtool(...args: string[]) {
  return spawnSync(PROMTOOL, args, { cwd: RULES_DIR, encoding: 'utf8', timeout: 60_000 });
}

describe('Prometheus alert rules (deploy/prometheus), checked by promtool', () => {
  beforeAll(() => ensureDebianPackage('prometheus', PROMTOOL, 'prometheus'), 900_000);

  it('are valid rule files', () => {
    const result = promtool('check', 'rules', 'hourglass.rules.yml');
    expect(`${result.stdout}${result.stderr}`).toContain('SUCCESS: 9 rules found');
    expect(result.status).toBe(0);
  });

  it('fire on each failure mode in synthetic series, and stay quiet without it', () => {
    const result = promtool('test', 'rules', 'hourglass.rules.test.yml');
    expect(`${result.stdout}${result.stderr}`).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });
});
