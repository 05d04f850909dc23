import { createDocumentClient, createDynamoClient } from '../adapters/dynamodb/client';
import { DynamoRequestStore } from '../adapters/dynamodb/request-store';
import { StoreConfig } from '../config/load';
import { RequestStore } from '../ports/request-store';

/** The DynamoDB-backed store for a configured table (dynalite when `endpoint` is set). */
export function buildStore(config: StoreConfig): RequestStore {
  const client = createDynamoClient({ region: config.region, ...(config.endpoint ? { endpoint: config.endpoint } : {}) });
  return new DynamoRequestStore(createDocumentClient(client), config.tableName);
}
