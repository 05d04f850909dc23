import { OutsideChangeRecord, ThreadRecord } from '../domain/thread';
import { Seal } from '../domain/evidence/thread-seal';

/**
 * Where seals are anchored: a store the bridge can add to but never rewrite or delete from (in AWS an S3 bucket with
 * object lock in compliance mode, written with `s3:PutObject` only; locally a directory of write-once files).
 */
export interface SealLedger {
  /**
   * Writes one object holding `seals` (all of UTC day `day`) under a key fixed by its content
   * (`sealBatchKey`), once: a key already written is left as it is (first write wins).
   */
  anchor(day: string, seals: readonly Seal[]): Promise<void>;
}

/** One seal of an anchored object (a batch holds several), as the auditor's reader found it. */
export interface AnchoredSeal {
  /** The object's key: the seals of one batch share it. */
  readonly key: string;
  /** The seal, or undefined when the object is not a seal at all (`problem` says why). */
  readonly seal?: Seal;
  /** How many versions of the object exist: more than one means something wrote the key twice. */
  readonly writes: number;
  readonly problem?: string;
}

/** Reads anchored seals back, for the verifier (in AWS with the seal bucket's auditor role: list and read only). */
export interface SealArchive {
  /** Every object anchored for the UTC days `fromDay`..`toDay` (YYYY-MM-DD, inclusive). */
  sealsForDays(fromDay: string, toDay: string): Promise<AnchoredSeal[]>;
}

/**
 * What the store calls after each successful write, with the record as stored, and at the end of each unit of work.
 *
 * `threadStored` and `eventStored` only take note (a copy of the record); {@link flush} seals the latest version of
 * each thread and each event noted since the last flush and anchors them in one object per day, so a unit of work
 * (one HTTP request, one queued message, one scheduler run) costs one anchor, not one per stored version. Versions a
 * unit stored and then superseded are not sealed: the verifier checks the stored version of each record, which is
 * always the latest. A process that dies between a write and the flush leaves that version unsealed, and
 * `bridge:verify` reports it (changed after its last seal, or never sealed) until the bridge stores the record again.
 */
export interface StoreSealer {
  threadStored(record: ThreadRecord): void;
  eventStored(event: OutsideChangeRecord): void;
  /** A unit of work begins (see {@link unitEnded}). */
  unitStarted(): void;
  /**
   * A unit of work ends: flushes, unless another unit of work of this process is still running (local mode runs many
   * at once; a Lambda function one at a time), in which case the last one to end flushes for all, or a batch is full.
   */
  unitEnded(): Promise<void>;
  /** Seals and anchors everything noted since the last flush. Never throws: a failed anchor is logged and retried by the next flush. */
  flush(): Promise<void>;
}
