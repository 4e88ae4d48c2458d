/**
 * Which share of the assets one scoring replica takes: `index` of `replicas`
 * (HG_SCORING_REPLICA_INDEX of HG_SCORING_REPLICAS).
 */
export interface ScoringPartition {
  replicas: number;
  index: number;
}

/** The whole fleet: one replica scores everything. */
export const SINGLE_REPLICA: ScoringPartition = Object.freeze({ replicas: 1, index: 0 });

/**
 * 32-bit FNV-1a of the UTF-16 code units of `id`: stable across processes, machines and Node
 * versions (unlike the database's internal hash functions), so every replica agrees.
 */
export function stableHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The replica (0-based) that scores `assetId` when there are `replicas` of them. */
export function replicaOf(assetId: string, replicas: number): number {
  return stableHash(assetId) % replicas;
}

/** Whether the replica of `partition` scores `assetId`; every asset belongs to exactly one replica. */
export function inPartition(assetId: string, partition: ScoringPartition): boolean {
  return partition.replicas <= 1 || replicaOf(assetId, partition.replicas) === partition.index;
}

/** Checks a partition read from configuration. */
export function validatePartition(partition: ScoringPartition): ScoringPartition {
  const { replicas, index } = partition;
  if (!Number.isInteger(replicas) || replicas < 1)
    throw new RangeError(`replica count must be a positive integer, got ${replicas}`);
  if (!Number.isInteger(index) || index < 0 || index >= replicas) {
    throw new RangeError(`replica index must be in [0, ${replicas - 1}], got ${index}`);
  }
  return partition;
}
