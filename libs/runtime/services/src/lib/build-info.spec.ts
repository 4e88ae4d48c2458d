import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBuildInfo } from './build-info';

describe('readBuildInfo', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hg-build-info-'));
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ name: 'hourglass', version: '0.4.2' }),
    );
    mkdirSync(join(root, 'libs', 'x'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes the commit a build wrote over the checkout', () => {
    writeFileSync(join(root, 'build-info.json'), JSON.stringify({ commit: 'feedbeef' }));
    expect(readBuildInfo(join(root, 'libs', 'x'))).toEqual({
      version: '0.4.2',
      commit: 'feedbeef',
    });
  });

  it('reads the commit of a checkout from .git (loose and packed refs)', () => {
    mkdirSync(join(root, '.git', 'refs', 'heads'), { recursive: true });
    writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(root, '.git', 'packed-refs'), `${'a'.repeat(40)} refs/heads/main\n`);
    expect(readBuildInfo(join(root, 'libs')).commit).toBe('a'.repeat(12));
    writeFileSync(join(root, '.git', 'refs', 'heads', 'main'), `${'b'.repeat(40)}\n`);
    expect(readBuildInfo(join(root, 'libs')).commit).toBe('b'.repeat(12));
  });

  it('says unknown rather than failing outside a checkout or a package', () => {
    expect(readBuildInfo(join(root, 'libs')).commit).toBe('unknown');
    expect(readBuildInfo(tmpdir())).toEqual({ version: 'unknown', commit: 'unknown' });
  });
});
