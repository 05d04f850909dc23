import { OutsideChangeRecord, ThreadRecord } from '../domain/thread';
import { Seal } from '../domain/evidence/thread-seal';

/**
 * Where seals are anchored: a store the bridge can add to but never rewrite or delete from (in AWS an S3 bucket with
 * object lock in compliance mode, written with `s3:PutObject` only; locally a directory of write-once files).
 */
export interface SealLedger {
  /** Writes the seal once under its key; a key already written is left as it is (first write wins). */
  anchor(seal: Seal): Promise<void>;
}

/** One anchored object, as the auditor's reader found it. */
export interface AnchoredSeal {
  readonly key: string;
  /** The seal, or undefined when the object is not a seal at all (`problem` says why). */
  readonly seal?: Seal;
  /** How many versions of the object exist: more than one means something wrote the key twice. */
  readonly writes: number;
  readonly problem?: string;
}

/** Reads anchored seals back, for the verifier (in AWS with the reviewer's read-only role). */
export interface SealArchive {
  /** Every object anchored for the UTC days `fromDay`..`toDay` (YYYY-MM-DD, inclusive). */
  sealsForDays(fromDay: string, toDay: string): Promise<AnchoredSeal[]>;
}

/**
 * What the store calls after each successful write, with the record as stored. It never throws: a seal that could
 * not be anchored is logged, and the thread's next save anchors its newer version.
 */
export interface StoreSealer {
  threadStored(record: ThreadRecord): Promise<void>;
  eventStored(event: OutsideChangeRecord): Promise<void>;
}
