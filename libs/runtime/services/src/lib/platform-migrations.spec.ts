import { discoverMigrationParts } from '@hourglass/testing-sql';
import { PLATFORM_MIGRATION_PARTS, PLATFORM_MIGRATIONS } from './platform-migrations';

const key = (p: { version: number; owner: string }) => `${p.version}/${p.owner}`;

describe('PLATFORM_MIGRATIONS', () => {
  it('composes every part found in the libs, so the services migrate what the tests migrate', () => {
    expect(PLATFORM_MIGRATION_PARTS.map(key).sort()).toEqual(
      discoverMigrationParts().map(key).sort(),
    );
  });

  it('keeps versions 1 to 9, which databases have recorded already', () => {
    expect(PLATFORM_MIGRATIONS.map((m) => m.version).slice(0, 9)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });
});
