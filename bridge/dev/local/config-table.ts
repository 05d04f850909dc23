import { CreateTableCommand, ResourceInUseException, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { CONFIG_TABLE, managedGroupsItems } from '../../contract/managed-groups';
import { ENV } from '../../contract/env-names';
import { createDocumentClient, createDynamoClient } from '../../src/adapters/dynamodb/client';

/**
 * Does locally what the bridge stack's Terraform does in AWS: creates the configuration table and writes the
 * managed-group items (`bridge/contract/managed-groups.ts`). Returns the variables that point a bridge at them.
 */
export async function seedConfigTable(endpoint: string, tableName: string, names: readonly string[]): Promise<Record<string, string>> {
  const client = createDynamoClient({ region: 'local', endpoint });
  try {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: CONFIG_TABLE.billingMode,
          KeySchema: [{ AttributeName: CONFIG_TABLE.partitionKey.name, KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: CONFIG_TABLE.partitionKey.name, AttributeType: CONFIG_TABLE.partitionKey.type }],
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    // A new table is CREATING for a moment (in dynalite as in DynamoDB), and writes to it fail until it is ACTIVE.
    await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 1, maxDelay: 1 }, { TableName: tableName });
    const documents = createDocumentClient(client);
    const { head, chunks } = managedGroupsItems(names);
    for (const item of [...chunks, head]) await documents.send(new PutCommand({ TableName: tableName, Item: item }));
    return { [ENV.configTable]: tableName, [ENV.managedGroupsDigest]: head.digest };
  } finally {
    client.destroy();
  }
}
