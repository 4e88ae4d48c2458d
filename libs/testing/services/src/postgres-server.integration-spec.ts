import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { startPostgres, type PostgresServer } from './postgres-server';

async function withClient<T>(url: string, body: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

describe(startPostgres.name, () => {
  let sut: PostgresServer;

  beforeAll(async () => {
    sut = await startPostgres();
  });

  afterAll(() => sut?.stop());

  it('accepts the created user with its password on 127.0.0.1 and owns the database', async () => {
    expect(sut.url).toBe(`postgres://hourglass:${sut.password}@127.0.0.1:${sut.port}/hourglass`);
    const [row] = await withClient(sut.url, async (client) => {
      await client.query('create table readings (id serial primary key, value float8 not null)');
      await client.query('insert into readings (value) select unnest($1::float8[])', [[1.5, 2.5]]);
      return (
        await client.query(
          'select current_user as "user", current_database() as db, sum(value) as total, count(*) as n from readings',
        )
      ).rows;
    });
    expect(row).toEqual({ user: 'hourglass', db: 'hourglass', total: 4, n: '2' });
  });

  it('refuses a wrong password and runs with fsync off', async () => {
    await expect(
      withClient(sut.url.replace(sut.password, 'wrong'), async () => undefined),
    ).rejects.toThrow(/password authentication failed/);
    const { rows } = await withClient(sut.adminUrl, (client) => client.query('show fsync'));
    expect(rows).toEqual([{ fsync: 'off' }]);
  });

  it('stop() ends the server even with a client still connected, and removes its directory', async () => {
    const other = await startPostgres({
      database: 'other_db',
      user: 'other_user',
      password: "it's secret",
    });
    const lingering = new Client({ connectionString: other.url });
    lingering.on('error', () => undefined);
    await lingering.connect();
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    await expect(withClient(other.url, async () => undefined)).rejects.toThrow(/ECONNREFUSED/);
  });
});
