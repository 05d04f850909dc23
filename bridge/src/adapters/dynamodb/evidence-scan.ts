import { DynamoDBDocumentClient, GetCommand, ScanCommand, ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { OutsideChangeRecord, ThreadRecord } from '../../domain/thread';
import { EvidenceSource } from '../../ports/evidence-source';
import { BRIDGE_TABLE } from '../../../contract/table';

/**
 * Reads a period out of the bridge's table for the verifier and the evidence report: threads by intake time, events
 * by publication time. A Scan with a filter, because a period is an auditor's question asked a few times a year, not
 * a hot path that would justify an index. What it returns is not trusted: `bridge:verify` checks it against the seals.
 */
export class EvidenceScan implements EvidenceSource {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Threads received from the start of `fromDay` to the end of `toDay` (UTC), oldest first. */
  async threads(fromDay: string, toDay: string): Promise<ThreadRecord[]> {
    const items = await this.scan('thread', 'receivedAt', fromDay, toDay);
    return items.map((i) => i.record as ThreadRecord).sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  }

  /** Okta events (outside-bridge changes and the rest) published in the period, oldest first. */
  async events(fromDay: string, toDay: string): Promise<OutsideChangeRecord[]> {
    const items = await this.scan('event', 'published', fromDay, toDay);
    return items.map((i) => i.record as OutsideChangeRecord).sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0));
  }

  async getThread(threadKey: string): Promise<ThreadRecord | undefined> {
    const webhookId = threadKey.slice(0, threadKey.lastIndexOf('#'));
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { [BRIDGE_TABLE.partitionKey.name]: `THREAD#${webhookId}` }, ConsistentRead: true }),
    );
    return result.Item ? (result.Item.record as ThreadRecord) : undefined;
  }

  private async scan(kind: string, timeField: string, fromDay: string, toDay: string): Promise<Record<string, unknown>[]> {
    const input: Omit<ScanCommandInput, 'ExclusiveStartKey'> = {
      TableName: this.tableName,
      ConsistentRead: true,
      FilterExpression: '#kind = :kind AND #record.#time BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#kind': 'kind', '#record': 'record', '#time': timeField },
      // ISO timestamps sort as strings; '~' sorts after every character of a timestamp, so the end day is included.
      ExpressionAttributeValues: { ':kind': kind, ':from': fromDay, ':to': `${toDay}~` },
    };
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new ScanCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (start);
    return items;
  }
}
