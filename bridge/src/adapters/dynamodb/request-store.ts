import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { OktaCallRecord, OutsideChangeRecord, ThreadRecord } from '../../domain/thread';
import { ClaimResult, ConcurrentUpdateError, RequestStore } from '../../ports/request-store';
import { StoreSealer } from '../../ports/seal-ledger';
import { BRIDGE_TABLE, EVENT_RETENTION_SECONDS } from '../../../contract/table';

const [BY_REQUEST_NUMBER, BY_OKTA_USER_ID, BY_USER_KEY, BY_PARKED_STATE] = BRIDGE_TABLE.globalSecondaryIndexes;
const PK = BRIDGE_TABLE.partitionKey.name;

/**
 * {@link RequestStore} on one DynamoDB table (see `bridge/contract/table.ts`). Works unchanged against dynalite.
 *
 * Every race is settled by a conditional write: `attribute_not_exists(pk)` for first writes, `version = :expected`
 * for updates. GSI reads are eventually consistent in DynamoDB; the event hook tolerates that by leaving unmatched
 * events `pending` until the worker reconciles them.
 *
 * With a `sealer`, every write that stores a thread version or an event hands the stored record to it afterwards
 * (`src/domain/evidence/`), which seals and anchors them outside the table when a {@link unitOfWork} ends.
 */
export class DynamoRequestStore implements RequestStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
    private readonly sealer?: StoreSealer,
  ) {}

  async claimThread(record: ThreadRecord): Promise<ClaimResult> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.threadItem(record),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK },
        }),
      );
      this.sealer?.threadStored(record);
      return { kind: 'new' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) {
        throw error;
      }
    }
    // dynalite (and DynamoDB without ReturnValuesOnConditionCheckFailure) returns no item: read it back, consistently.
    const existing = await this.getByWebhookId(record.webhookId);
    if (!existing) {
      throw new Error(`webhook id ${record.webhookId} was claimed but cannot be read back; retry the delivery`);
    }
    return existing.bodyHash === record.bodyHash ? { kind: 'duplicate', threadKey: existing.threadKey } : { kind: 'conflict', threadKey: existing.threadKey };
  }

  async unitOfWork<T>(work: () => Promise<T>): Promise<T> {
    this.sealer?.unitStarted();
    try {
      return await work();
    } finally {
      await this.sealer?.unitEnded();
    }
  }

  flushSeals(): Promise<void> {
    return this.sealer ? this.sealer.flush() : Promise.resolve();
  }

  async getThread(threadKey: string): Promise<ThreadRecord | undefined> {
    return this.getByWebhookId(webhookIdOf(threadKey));
  }

  private async getByWebhookId(webhookId: string): Promise<ThreadRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { [PK]: `THREAD#${webhookId}` }, ConsistentRead: true }));
    return result.Item ? (result.Item.record as ThreadRecord) : undefined;
  }

  async saveThread(record: ThreadRecord): Promise<void> {
    const expected = record.version;
    record.version = expected + 1;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.threadItem(record),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expected },
        }),
      );
    } catch (error) {
      record.version = expected;
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConcurrentUpdateError(record.threadKey);
      }
      throw error;
    }
    this.sealer?.threadStored(record);
  }

  async recordProgress(
    thread: Pick<ThreadRecord, 'threadKey' | 'receivedAt'>,
    progress: { calls: readonly OktaCallRecord[]; oktaUserId?: string },
  ): Promise<void> {
    const names: Record<string, string> = { '#pk': PK, '#record': 'record', '#calls': 'calls', '#version': 'version' };
    const values: Record<string, unknown> = { ':calls': [...progress.calls], ':one': 1 };
    const sets = ['#record.#calls = list_append(#record.#calls, :calls)', '#version = #version + :one', '#record.#version = #record.#version + :one'];
    if (progress.oktaUserId) {
      Object.assign(names, { '#userId': 'oktaUserId', '#gsi2pk': BY_OKTA_USER_ID.partitionKey.name, '#gsi2sk': BY_OKTA_USER_ID.sortKey.name });
      Object.assign(values, { ':userId': progress.oktaUserId, ':gsi2sk': `${thread.receivedAt}#${thread.threadKey}` });
      sets.push('#record.#userId = :userId', '#gsi2pk = :userId', '#gsi2sk = :gsi2sk');
    }
    const result = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { [PK]: `THREAD#${webhookIdOf(thread.threadKey)}` },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ...(this.sealer ? { ReturnValues: 'ALL_NEW' as const } : {}),
      }),
    );
    if (this.sealer && result.Attributes) {
      this.sealer.threadStored(result.Attributes.record as ThreadRecord);
    }
  }

  async findByRequestNumber(requestNumber: string): Promise<ThreadRecord[]> {
    const items = await this.queryAll({
      IndexName: BY_REQUEST_NUMBER.indexName,
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': BY_REQUEST_NUMBER.partitionKey.name },
      ExpressionAttributeValues: { ':v': requestNumber },
    });
    return items.map((item) => item.record as ThreadRecord);
  }

  async findByUserKey(userKey: string): Promise<ThreadRecord[]> {
    const items = await this.queryAll({
      IndexName: BY_USER_KEY.indexName,
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': BY_USER_KEY.partitionKey.name },
      ExpressionAttributeValues: { ':v': userKey },
    });
    return items.map((item) => item.record as ThreadRecord);
  }

  async findByOktaUserId(oktaUserId: string): Promise<ThreadRecord[]> {
    const items = await this.queryByUser(oktaUserId, 'thread');
    return items.map((item) => item.record as ThreadRecord);
  }

  async findInState(state: 'scheduled' | 'dead-lettered', dueBefore?: string): Promise<ThreadRecord[]> {
    const names: Record<string, string> = { '#k': BY_PARKED_STATE.partitionKey.name };
    const values: Record<string, unknown> = { ':v': state };
    let condition = '#k = :v';
    if (dueBefore) {
      names['#s'] = BY_PARKED_STATE.sortKey.name;
      values[':due'] = dueBefore;
      condition += ' AND #s <= :due';
    }
    const items = await this.queryAll({
      IndexName: BY_PARKED_STATE.indexName,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
    return items.map((item) => item.record as ThreadRecord);
  }

  async recordEvent(event: OutsideChangeRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [PK]: `EVENT#${event.eventId}`,
            kind: 'event',
            record: event,
            [BRIDGE_TABLE.ttlAttribute]: this.nowSeconds() + EVENT_RETENTION_SECONDS,
            [BY_OKTA_USER_ID.partitionKey.name]: event.oktaUserId,
            [BY_OKTA_USER_ID.sortKey.name]: `${event.published}#${event.eventId}`,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK },
        }),
      );
      this.sealer?.eventStored(event);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return false;
      }
      throw error;
    }
  }

  async updateEventOrigin(eventId: string, origin: OutsideChangeRecord['origin']): Promise<void> {
    const result = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { [PK]: `EVENT#${eventId}` },
        UpdateExpression: 'SET #record.#origin = :origin',
        ExpressionAttributeNames: { '#record': 'record', '#origin': 'origin' },
        ExpressionAttributeValues: { ':origin': origin },
        ...(this.sealer ? { ReturnValues: 'ALL_NEW' as const } : {}),
      }),
    );
    if (this.sealer && result.Attributes) {
      this.sealer.eventStored(result.Attributes.record as OutsideChangeRecord);
    }
  }

  async findEventsByOktaUserId(oktaUserId: string): Promise<OutsideChangeRecord[]> {
    const items = await this.queryByUser(oktaUserId, 'event');
    return items.map((item) => item.record as OutsideChangeRecord);
  }

  private threadItem(record: ThreadRecord): Record<string, unknown> {
    const item: Record<string, unknown> = {
      [PK]: `THREAD#${record.webhookId}`,
      kind: 'thread',
      version: record.version,
      record,
      [BY_REQUEST_NUMBER.partitionKey.name]: record.requestNumber,
      [BY_REQUEST_NUMBER.sortKey.name]: `${record.receivedAt}#${record.threadKey}`,
      [BY_USER_KEY.partitionKey.name]: record.userKey,
      [BY_USER_KEY.sortKey.name]: `${record.receivedAt}#${record.threadKey}`,
    };
    if (record.oktaUserId) {
      item[BY_OKTA_USER_ID.partitionKey.name] = record.oktaUserId;
      item[BY_OKTA_USER_ID.sortKey.name] = `${record.receivedAt}#${record.threadKey}`;
    }
    if (record.state === 'scheduled' || record.state === 'dead-lettered') {
      item[BY_PARKED_STATE.partitionKey.name] = record.state;
      item[BY_PARKED_STATE.sortKey.name] = `${record.state === 'scheduled' ? (record.dueAt ?? record.updatedAt) : record.updatedAt}#${record.threadKey}`;
    }
    return item;
  }

  private async queryByUser(oktaUserId: string, kind: 'thread' | 'event'): Promise<Record<string, unknown>[]> {
    return this.queryAll({
      IndexName: BY_OKTA_USER_ID.indexName,
      KeyConditionExpression: '#k = :v',
      FilterExpression: '#kind = :kind',
      ExpressionAttributeNames: { '#k': BY_OKTA_USER_ID.partitionKey.name, '#kind': 'kind' },
      ExpressionAttributeValues: { ':v': oktaUserId, ':kind': kind },
    });
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: exclusiveStartKey }));
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      exclusiveStartKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (exclusiveStartKey);
    return items;
  }
}

/** Thread keys are `<webhook-id>#<request number>`; request numbers never contain '#', webhook ids may. */
function webhookIdOf(threadKey: string): string {
  return threadKey.slice(0, threadKey.lastIndexOf('#'));
}
