import { createDocumentClient, createDynamoClient } from '../adapters/dynamodb/client';
import { readManagedGroups } from '../adapters/dynamodb/managed-groups-reader';
import type { ManagedGroupsConfig, StoreConfig } from '../config/load';
import { ManagedGroupSet } from '../domain/managed-groups';

/**
 * The managed groups of this deployment, read once from the configuration table (same region and endpoint as the
 * store); handlers call it in their cold-start `init` and keep the set for every invocation.
 */
export async function loadManagedGroups(config: ManagedGroupsConfig, store: Pick<StoreConfig, 'region' | 'endpoint'>): Promise<ManagedGroupSet> {
  const client = createDynamoClient({ region: store.region, ...(store.endpoint ? { endpoint: store.endpoint } : {}) });
  try {
    return new ManagedGroupSet(await readManagedGroups(createDocumentClient(client), config.tableName, config.digest));
  } finally {
    client.destroy();
  }
}
