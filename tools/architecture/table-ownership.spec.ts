import { resolve } from 'node:path';
import { findViolations, readLibs, tableOwners, type LibSources } from './table-ownership';
import { RUNTIME_TABLES } from './table-ownership.rules';
import { tablesNamed } from './sql-table-names';

const migration = (table: string, more = '') =>
  `export const core = { version: 1, sql: \`\ncreate table ${table} (id text primary key${more});\ncreate index x on ${table} (id);\n\` };\n`;

/** Two libs in memory: devices owns assets, billing owns state_events and queries through `billingSource`. */
function fixture(billingSource: string): LibSources[] {
  return [
    {
      dir: 'libs/devices/registry',
      files: [
        { path: 'libs/devices/registry/src/migrations/001-core.ts', text: migration('assets') },
      ],
    },
    {
      dir: 'libs/billing/records',
      files: [
        {
          path: 'libs/billing/records/src/migrations/001-core.ts',
          text: migration('state_events', ', asset_id text references assets(id)'),
        },
        { path: 'libs/billing/records/src/lib/events.repository.ts', text: billingSource },
        {
          path: 'libs/billing/records/src/lib/events.repository.spec.ts',
          text: "const sql = 'select * from assets';",
        },
      ],
    },
  ];
}

const violationsOf = (source: string) => {
  const libs = fixture(source);
  return findViolations(libs, tableOwners(libs, {})).map(
    (v) => `${v.file}:${v.line} ${v.table} ${v.owner}`,
  );
};

describe('table ownership', () => {
  it('reports a lib whose shipped SQL names a table another lib owns', () => {
    const source = [
      'export async function load(db: Db) {',
      "  await db.query('select * from state_events');",
      '  return db.query(`select e.* from state_events e',
      '    join assets a on a.id = e.asset_id where a.tenant_id = ${tenant}`);',
      '}',
    ].join('\n');
    expect(violationsOf(source)).toEqual([
      'libs/billing/records/src/lib/events.repository.ts:3 assets libs/devices/registry',
    ]);
  });

  it('ignores prose, column names, function calls and own tables', () => {
    const source = [
      "const message = 'cannot read assets from the registry: try again';",
      "const other = 'Moved from assets to state_events';",
      'const sql = `select extract(epoch from observed_at), assets_count from state_events where a is distinct from b for update`;',
      'const upsert = `insert into state_events (asset_id) select u.a from unnest($1::text[]) as u(a) on conflict (asset_id) do update set asset_id = excluded.asset_id`;',
      '/** Reads `select * from assets` in prose. */',
    ].join('\n');
    expect(violationsOf(source)).toEqual([]);
  });

  it('finds tables after from, join, into, update, delete from, table and truncate, skipping CTEs', () => {
    expect(
      tablesNamed('with recent as (select * from a) select * from recent r, c x, d join b on true'),
    ).toEqual(['a', 'c', 'd', 'b']);
    expect(tablesNamed('insert into e (x) values (1)')).toEqual(['e']);
    expect(tablesNamed('update f set x = 1')).toEqual(['f']);
    expect(tablesNamed('delete from g where x in (select y from public.h)')).toEqual(['g', 'h']);
    expect(
      tablesNamed(
        'alter table i add column x int; truncate table j; create table if not exists k (x int)',
      ),
    ).toEqual(['i', 'j', 'k']);
  });

  it('refuses a table created by two libs', () => {
    const libs = fixture('');
    expect(() => tableOwners(libs, { 'libs/devices/registry': ['state_events'] })).toThrow(
      /state_events is created by libs\/billing\/records and libs\/devices\/registry/,
    );
  });

  it('holds in the repository: every lib names only its own tables', () => {
    const libs = readLibs(resolve(__dirname, '../..'));
    const violations = findViolations(libs, tableOwners(libs, RUNTIME_TABLES));
    expect(
      violations.map((v) => `${v.file}:${v.line} names ${v.table}, owned by ${v.owner}`),
    ).toEqual([]);
  });
});
