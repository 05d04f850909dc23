import { createHash } from 'node:crypto';

/**
 * Stable placement of managed groups in identity shards (separate Terraform root modules) and in resource sets.
 *
 * A group's place depends only on its name and on the number of places, through Google's jump consistent hash
 * (Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm", 2014): adding a department never moves
 * another one, and growing from n to n + 1 places moves only about 1/(n + 1) of the groups, all of them into the new
 * place. Treat the output as a contract with Terraform state: changing the hash or the salt moves every group.
 */

const MASK_64 = (1n << 64n) - 1n;

/** Jump consistent hash: the bucket in [0, buckets) of a 64-bit key. */
export function jumpConsistentHash(key: bigint, buckets: number): number {
  if (!Number.isInteger(buckets) || buckets < 1) throw new Error(`buckets must be a positive integer, got ${buckets}`);
  let k = key & MASK_64;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    k = (k * 2862933555777941757n + 1n) & MASK_64;
    j = Math.floor((b + 1) * (2 ** 31 / Number((k >> 33n) + 1n)));
  }
  return b;
}

/** The first 64 bits of SHA-256 of `salt` and `name`: uniform, and the same on every machine and Node.js version. */
function key64(salt: string, name: string): bigint {
  return createHash('sha256').update(salt).update('\0').update(name).digest().readBigUInt64BE(0);
}

/** Identity shard (0-based) of a managed group, by its deterministic Okta name (`config/naming.ts`). */
export function shardOfGroup(groupName: string, shards: number): number {
  return jumpConsistentHash(key64('identity-shard', groupName), shards);
}

/**
 * Resource set (0-based) of a group among `sets` sets of one shard. A different salt from {@link shardOfGroup}, so the
 * groups of one shard spread over its sets instead of landing in one.
 */
export function resourceSetOfGroup(groupName: string, sets: number): number {
  return jumpConsistentHash(key64('resource-set', groupName), sets);
}

/** Stack name of identity shard `shard`: `identity-groups-<shard>`; the stack id appends the environment. */
export function identityShardStackName(shard: number): string {
  return `identity-groups-${shard}`;
}
