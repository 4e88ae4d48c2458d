import { inPartition, replicaOf, stableHash, validatePartition } from './scoring-partition';

describe(replicaOf.name, () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => `engine-${i + 1}`);

  it.each([1, 2, 3, 7])(
    'puts every asset in exactly one of %d replicas, roughly evenly',
    (replicas) => {
      const counts = new Array<number>(replicas).fill(0);
      for (const id of ids) {
        const owners = Array.from({ length: replicas }, (_, index) => index).filter((index) =>
          inPartition(id, { replicas, index }),
        );
        expect(owners).toEqual([replicaOf(id, replicas)]);
        counts[owners[0]]++;
      }
      for (const n of counts)
        expect(Math.abs(n - ids.length / replicas)).toBeLessThan((ids.length / replicas) * 0.1);
    },
  );

  it('is stable: the same id hashes the same way everywhere (FNV-1a)', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(stableHash('foobar')).toBe(0xbf9cf968);
  });
});

describe(validatePartition.name, () => {
  it('rejects an index outside the replica count', () => {
    expect(() => validatePartition({ replicas: 2, index: 2 })).toThrow(RangeError);
    expect(() => validatePartition({ replicas: 0, index: 0 })).toThrow(RangeError);
    expect(validatePartition({ replicas: 3, index: 2 })).toEqual({ replicas: 3, index: 2 });
  });
});
