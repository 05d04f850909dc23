import { createHash } from 'node:crypto';

/**
 * How the bridge's managed-group names are delivered: items of a configuration table that Terraform writes and the
 * bridge only reads (at cold start, then cached), never environment variables, whose 4 KB per function the list
 * outgrows at about 150 groups. docs/service-limits.md argues the choice.
 *
 * Items: a head `managed-groups` with the number of chunks and the digest of the whole list, and chunks
 * `managed-groups#<n>` each holding part of the list as a JSON string. Functions carry the digest in
 * `BRIDGE_MANAGED_GROUPS_DIGEST`, so a change of groups updates their configuration (new execution environments read
 * the new list), never their code; a reader that finds another digest (Terraform mid-apply) fails its cold start
 * rather than act on a mixed list.
 */

/** The configuration table: one string partition key, nothing else. */
export const CONFIG_TABLE = {
  partitionKey: { name: 'pk', type: 'S' },
  billingMode: 'PAY_PER_REQUEST',
} as const;

export const MANAGED_GROUPS_HEAD_KEY = 'managed-groups';

/** Key of chunk `n`. */
export function managedGroupsChunkKey(n: number): string {
  return `${MANAGED_GROUPS_HEAD_KEY}#${n}`;
}

/**
 * Bytes of names per chunk item: well under DynamoDB's 400 KB item limit (the key and JSON quoting take the rest),
 * so the service-limit check on table items (SL-DDB3) holds by construction.
 */
export const MANAGED_GROUPS_CHUNK_BYTES = 256 * 1024;

/** SHA-256 (hex) of the list as JSON: what the head item and the functions' variable carry. */
export function managedGroupsDigest(names: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(names)).digest('hex');
}

export interface ManagedGroupsHeadItem {
  readonly pk: typeof MANAGED_GROUPS_HEAD_KEY;
  readonly chunks: number;
  readonly digest: string;
}

export interface ManagedGroupsChunkItem {
  readonly pk: string;
  /** JSON array of names. */
  readonly names: string;
}

/** The head and the chunks for `names`, in order; each chunk's names take at most {@link MANAGED_GROUPS_CHUNK_BYTES}. */
export function managedGroupsItems(names: readonly string[]): { head: ManagedGroupsHeadItem; chunks: ManagedGroupsChunkItem[] } {
  const groups: string[][] = [[]];
  let bytes = 0;
  for (const name of names) {
    const size = Buffer.byteLength(JSON.stringify(name), 'utf8') + 1;
    if (bytes + size > MANAGED_GROUPS_CHUNK_BYTES && groups[groups.length - 1].length > 0) {
      groups.push([]);
      bytes = 0;
    }
    groups[groups.length - 1].push(name);
    bytes += size;
  }
  return {
    head: { pk: MANAGED_GROUPS_HEAD_KEY, chunks: groups.length, digest: managedGroupsDigest(names) },
    chunks: groups.map((part, n) => ({ pk: managedGroupsChunkKey(n), names: JSON.stringify(part) })),
  };
}
