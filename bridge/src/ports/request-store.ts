import { OktaCallRecord, OutsideChangeRecord, ThreadRecord } from '../domain/thread';

/** The outcome of claiming a webhook delivery. */
export type ClaimResult =
  | { readonly kind: 'new' }
  | { readonly kind: 'duplicate'; readonly threadKey: string }
  | { readonly kind: 'conflict'; readonly threadKey: string };

/**
 * Durable storage for golden-thread records, webhook ids and Okta events.
 *
 * Writes that race (two deliveries of one message, two events with one id) are decided by the store with
 * conditional writes, never by read-then-write in the caller.
 */
export interface RequestStore {
  /**
   * Creates the record unless its webhook id was claimed before. A second claim with the same body hash is a
   * duplicate delivery; with a different hash it is a reused webhook id carrying another payload, which the intake
   * refuses. One conditional write: the webhook id is the record's key.
   */
  claimThread(record: ThreadRecord): Promise<ClaimResult>;
  getThread(threadKey: string): Promise<ThreadRecord | undefined>;
  /**
   * Replaces the record and bumps its `version`; throws {@link ConcurrentUpdateError} when the stored version is no
   * longer the one the caller read.
   */
  saveThread(record: ThreadRecord): Promise<void>;
  /**
   * Appends Okta calls to a thread (and sets its Okta user id) while the worker applies it, in one atomic update that
   * needs no read and bumps `version`, so a concurrent read-modify-write retries instead of dropping them.
   */
  recordProgress(thread: Pick<ThreadRecord, 'threadKey' | 'receivedAt'>, progress: { calls: readonly OktaCallRecord[]; oktaUserId?: string }): Promise<void>;
  findByRequestNumber(requestNumber: string): Promise<ThreadRecord[]>;
  findByOktaUserId(oktaUserId: string): Promise<ThreadRecord[]>;
  /** Every thread about one person (lower-cased login), oldest first, whether or not Okta knows them. */
  findByUserKey(userKey: string): Promise<ThreadRecord[]>;
  /** Records in `state` (only `scheduled` and `dead-lettered` are indexed), oldest first, up to `dueBefore` for scheduled. */
  findInState(state: 'scheduled' | 'dead-lettered', dueBefore?: string): Promise<ThreadRecord[]>;
  /** Stores an event once; returns false when the event id was seen before (Okta delivers at least once). */
  recordEvent(event: OutsideChangeRecord): Promise<boolean>;
  updateEventOrigin(eventId: string, origin: OutsideChangeRecord['origin']): Promise<void>;
  findEventsByOktaUserId(oktaUserId: string): Promise<OutsideChangeRecord[]>;
  /**
   * Runs one unit of work of the bridge (an intake request, a queued message, an event-hook delivery, a replay or
   * scheduler run); when it ends, succeeded or not, the versions it stored are sealed and anchored
   * (`src/domain/evidence/`). Never adds a failure of its own. Stores that do not seal leave it out.
   */
  unitOfWork?<T>(work: () => Promise<T>): Promise<T>;
  /** Seals and anchors now every version stored and not yet sealed; never throws. Stores that do not seal leave it out. */
  flushSeals?(): Promise<void>;
}

/** Thrown by `saveThread` when the record changed under the caller: reload and retry. */
export class ConcurrentUpdateError extends Error {
  constructor(threadKey: string) {
    super(`thread ${threadKey} was updated by another writer; reload it and apply the change again`);
    this.name = 'ConcurrentUpdateError';
  }
}
