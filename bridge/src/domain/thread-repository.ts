import { ConcurrentUpdateError, RequestStore } from '../ports/request-store';
import { ThreadRecord } from './thread';

const MAX_ATTEMPTS = 8;

/**
 * Read-modify-write of a thread record with optimistic locking.
 *
 * The worker, the event hook and the replay CLI all write the same record; each change is a function re-applied on a
 * fresh copy when another writer got there first, so no change is lost and none is applied twice.
 *
 * `known` is a copy of the record the caller already holds (it just read or wrote it): the first attempt applies the
 * change to it and saves, one DynamoDB call instead of two, and only a writer that got there first costs a read. The
 * caller's object is not changed. A change that returns `false` writes nothing.
 */
export async function mutateThread(
  store: RequestStore,
  threadKey: string,
  change: (record: ThreadRecord) => boolean | void,
  known?: ThreadRecord,
): Promise<ThreadRecord | undefined> {
  for (let attempt = 1; ; attempt++) {
    const record = attempt === 1 && known ? structuredClone(known) : await store.getThread(threadKey);
    if (!record) {
      return undefined;
    }
    if (change(record) === false) {
      return record;
    }
    try {
      await store.saveThread(record);
      return record;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= MAX_ATTEMPTS) {
        throw error;
      }
    }
  }
}
