import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A DynamoDB client: the real service by default, or a local endpoint (dynalite) with dummy credentials, which
 * dynalite accepts without checking.
 */
export function createDynamoClient(options: { region: string; endpoint?: string; profile?: string }): DynamoDBClient {
  return new DynamoDBClient({
    region: options.region,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

/** The document client used by the store: plain JS objects in and out, undefined fields dropped. */
export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
}
