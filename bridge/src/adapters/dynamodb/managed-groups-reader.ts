import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { managedGroupsChunkKey, managedGroupsDigest, MANAGED_GROUPS_HEAD_KEY } from '../../../contract/managed-groups';

/**
 * Reads the managed-group names Terraform wrote to the configuration table (`bridge/contract/managed-groups.ts`):
 * the head, then every chunk in parallel, with consistent reads. Fails, naming the table and both digests, when
 * the list read is not the one this function was deployed with (Terraform mid-apply, or a hand edit), so a cold
 * start never proceeds with a mixed list; the next cold start reads again.
 */
export async function readManagedGroups(client: DynamoDBDocumentClient, tableName: string, expectedDigest: string): Promise<string[]> {
  const get = async (pk: string) =>
    (await client.send(new GetCommand({ TableName: tableName, Key: { pk }, ConsistentRead: true }))).Item as Record<string, unknown> | undefined;
  const head = await get(MANAGED_GROUPS_HEAD_KEY);
  if (!head || typeof head.chunks !== 'number' || typeof head.digest !== 'string') {
    throw new Error(`configuration table ${tableName} has no managed-groups item; deploy the bridge stack (it writes the item)`);
  }
  if (head.digest !== expectedDigest) {
    throw new Error(
      `configuration table ${tableName} holds managed groups with digest ${head.digest}, this function expects ${expectedDigest}; a deploy is in progress or the item was edited by hand: redeploy the bridge stack`,
    );
  }
  const chunks = await Promise.all(Array.from({ length: head.chunks }, (_, n) => get(managedGroupsChunkKey(n))));
  const names: string[] = [];
  chunks.forEach((chunk, n) => {
    if (!chunk || typeof chunk.names !== 'string') {
      throw new Error(`configuration table ${tableName} lacks chunk ${managedGroupsChunkKey(n)} of the managed groups; redeploy the bridge stack`);
    }
    names.push(...(JSON.parse(chunk.names) as string[]));
  });
  const digest = managedGroupsDigest(names);
  if (digest !== expectedDigest) {
    throw new Error(
      `managed groups read from ${tableName} have digest ${digest}, expected ${expectedDigest}: chunks from two deploys; redeploy the bridge stack`,
    );
  }
  return names;
}
