import { RequestStore } from '../ports/request-store';

/**
 * Runs one unit of work of the bridge (an intake request, a queued message, an event-hook delivery, a replay or a
 * scheduler run) through the store, which anchors the seals of every version it stored, in one object per day
 * (`src/domain/evidence/`), whether the work succeeded or threw: what was stored must be sealed either way.
 */
export function asUnitOfWork<T>(store: RequestStore, work: () => Promise<T>): Promise<T> {
  return store.unitOfWork ? store.unitOfWork(work) : work();
}
