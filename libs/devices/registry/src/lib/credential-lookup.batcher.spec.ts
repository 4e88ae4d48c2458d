import { CredentialLookupBatcher, type StoredCredentials } from './credential-lookup.batcher';

const creds = (id: string): StoredCredentials => ({
  deviceId: id,
  tenantId: 't',
  passwordHash: `h-${id}`,
});

describe(CredentialLookupBatcher.name, () => {
  it('answers the lookups that arrive while a query runs with one next query', async () => {
    const queries: string[][] = [];
    let release: () => void = () => undefined;
    const sut = new CredentialLookupBatcher(async (names) => {
      queries.push(names);
      if (queries.length === 1) await new Promise<void>((r) => (release = r));
      return new Map(names.filter((n) => n !== 'gone').map((n) => [n, creds(n)]));
    });
    const first = sut.find('a');
    const later = [sut.find('b'), sut.find('c'), sut.find('gone'), sut.find('b')];
    release();
    expect(await first).toEqual(creds('a'));
    expect(await Promise.all(later)).toEqual([creds('b'), creds('c'), null, creds('b')]);
    expect(queries).toEqual([['a'], ['b', 'c', 'gone']]);
  });

  it('batches the lookups that arrive shortly after a query even when it answered at once', async () => {
    const queries: string[][] = [];
    const sut = new CredentialLookupBatcher(async (names) => {
      queries.push(names);
      return new Map(names.map((n) => [n, creds(n)]));
    });
    // As CONNECTs of other sockets arrive: in a later turn of the event loop than the first.
    const later = new Promise<Array<StoredCredentials | null>>((resolve) =>
      setTimeout(() => resolve(Promise.all([sut.find('b'), sut.find('c')])), 1),
    );
    expect(await sut.find('a')).toEqual(creds('a'));
    expect(await later).toEqual([creds('b'), creds('c')]);
    expect(queries).toEqual([['a'], ['b', 'c']]);
  });

  it('rejects every lookup of a failed query, and queries again afterwards', async () => {
    let fail = true;
    const sut = new CredentialLookupBatcher(async (names) => {
      if (fail) throw new Error('database down');
      return new Map(names.map((n) => [n, creds(n)]));
    });
    await expect(sut.find('a')).rejects.toThrow('database down');
    fail = false;
    expect(await sut.find('a')).toEqual(creds('a'));
  });

  it('splits a large backlog into queries of at most maxBatch usernames', async () => {
    const sizes: number[] = [];
    const sut = new CredentialLookupBatcher(async (names) => {
      sizes.push(names.length);
      return new Map();
    }, 2);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => sut.find(n)));
    expect(sizes).toEqual([1, 2, 2]);
  });
});
