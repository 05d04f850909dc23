import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../../src/adapters/dynamodb/client';
import { ENV } from '../../../contract/env-names';

/** Every item key in the bridge table a stack's bridge writes to: proof of what was (or was not) stored. */
export async function storedKeys(env: Readonly<Record<string, string>>): Promise<string[]> {
  const client = createDynamoClient({ region: 'local', endpoint: env[ENV.dynamoEndpoint] });
  try {
    const keys: string[] = [];
    let start: Record<string, any> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: env[ENV.tableName], ProjectionExpression: 'pk', ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      keys.push(...(page.Items ?? []).map((item) => String(item.pk?.S)));
      start = page.LastEvaluatedKey;
    } while (start);
    return keys;
  } finally {
    client.destroy();
  }
}
