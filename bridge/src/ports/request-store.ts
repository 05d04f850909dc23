import { OutsideChangeRecord, ThreadRecord } from '../domain/thread';

/** The outcome of registering a webhook delivery. */
export type RegisterResult =
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
   * Claims a webhook id for a body hash. A second claim with the same hash is a duplicate delivery; with a different
   * hash it is a replayed id carrying another payload, which the intake refuses.
   */
  registerWebhook(webhookId: string, bodyHash: string, threadKey: string): Promise<RegisterResult>;
  /** Creates the record; returns false (and writes nothing) when it already exists. */
  createThread(record: ThreadRecord): Promise<boolean>;
  getThread(threadKey: string): Promise<ThreadRecord | undefined>;
  /**
   * Replaces the record and bumps its `version`; throws {@link ConcurrentUpdateError} when the stored version is no
   * longer the one the caller read.
   */
  saveThread(record: ThreadRecord): Promise<void>;
  findByRequestNumber(requestNumber: string): Promise<ThreadRecord[]>;
  findByOktaUserId(oktaUserId: string): Promise<ThreadRecord[]>;
  /** Records in `state` (only `scheduled` and `dead-lettered` are indexed), oldest first, up to `dueBefore` for scheduled. */
  findInState(state: 'scheduled' | 'dead-lettered', dueBefore?: string): Promise<ThreadRecord[]>;
  /** Stores an event once; returns false when the event id was seen before (Okta delivers at least once). */
  recordEvent(event: OutsideChangeRecord): Promise<boolean>;
  updateEventOrigin(eventId: string, origin: OutsideChangeRecord['origin']): Promise<void>;
  findEventsByOktaUserId(oktaUserId: string): Promise<OutsideChangeRecord[]>;
}

/** Thrown by `saveThread` when the record changed under the caller: reload and retry. */
export class ConcurrentUpdateError extends Error {
  constructor(threadKey: string) {
    super(`thread ${threadKey} was updated by another writer; reload it and apply the change again`);
    this.name = 'ConcurrentUpdateError';
  }
}
