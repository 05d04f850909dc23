import { CreateTableCommand, CreateTableCommandInput, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { BRIDGE_TABLE } from '../../../contract/table';

/**
 * Turns the table definition into a CreateTable request (local mode and tests; the AWS stack declares the real one).
 * TTL is not set here: dynalite does not implement UpdateTimeToLive (docs/reference/local-emulators.md §6.5).
 */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, string>();
  attributes.set(BRIDGE_TABLE.partitionKey.name, BRIDGE_TABLE.partitionKey.type);
  for (const index of BRIDGE_TABLE.globalSecondaryIndexes) {
    attributes.set(index.partitionKey.name, index.partitionKey.type);
    attributes.set(index.sortKey.name, index.sortKey.type);
  }
  return {
    TableName: tableName,
    BillingMode: BRIDGE_TABLE.billingMode,
    KeySchema: [{ AttributeName: BRIDGE_TABLE.partitionKey.name, KeyType: 'HASH' }],
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType: AttributeType as 'S' })),
    GlobalSecondaryIndexes: BRIDGE_TABLE.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}

/** Creates the table unless it exists. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) {
      throw error;
    }
  }
}
