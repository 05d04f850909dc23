import { OutsideChangeRecord, ThreadRecord } from '../domain/thread';

/** A period of the bridge's table, read for the auditor (DynamoDB: `adapters/dynamodb/evidence-scan.ts`). Not trusted. */
export interface EvidenceSource {
  /** Threads received in the UTC days `fromDay`..`toDay`, oldest first. */
  threads(fromDay: string, toDay: string): Promise<ThreadRecord[]>;
  /** Okta events published in the period, oldest first. */
  events(fromDay: string, toDay: string): Promise<OutsideChangeRecord[]>;
  getThread(threadKey: string): Promise<ThreadRecord | undefined>;
}
