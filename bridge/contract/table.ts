/**
 * The bridge's single DynamoDB table, as plain data.
 *
 * The AWS stack declares the real table from this module and local mode / tests create it in dynalite from the same
 * object, so the two cannot drift. Keys and index names are a contract with stored data: renaming one is a migration.
 *
 * Item kinds (all under the one partition key `pk`):
 * - `THREAD#<webhook-id>`: a golden-thread record with its body hash, so the webhook id is claimed by the same
 *   conditional write that creates the record (indexed by request number, Okta user id, user key (lower-cased
 *   login) and, while parked, by state).
 *   Kept as audit evidence: no TTL.
 * - `EVENT#<System Log uuid>`: an Okta event received by the event hook (indexed by Okta user id); expires after
 *   {@link EVENT_RETENTION_SECONDS}.
 */
export const BRIDGE_TABLE = {
  partitionKey: { name: 'pk', type: 'S' },
  billingMode: 'PAY_PER_REQUEST',
  /** Epoch seconds; DynamoDB deletes the item some time after (TTL is best effort, so expiry is never relied on for correctness). */
  ttlAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    {
      indexName: 'byRequestNumber',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: 'byOktaUserId',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: 'byUserKey',
      partitionKey: { name: 'gsi4pk', type: 'S' },
      sortKey: { name: 'gsi4sk', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: 'byParkedState',
      partitionKey: { name: 'gsi3pk', type: 'S' },
      sortKey: { name: 'gsi3sk', type: 'S' },
      projection: 'ALL',
    },
  ],
} as const;

/** How long received Okta events are kept: thirteen months, a year of audit evidence plus the review cycle. */
export const EVENT_RETENTION_SECONDS = 396 * 24 * 3600;

export type BridgeTableDefinition = typeof BRIDGE_TABLE;
