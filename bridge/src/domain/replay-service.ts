import { Clock } from '../ports/clock';
import { Logger } from '../ports/logger';
import { RequestStore } from '../ports/request-store';
import { WorkQueue } from '../ports/work-queue';
import { ThreadRecord, transition } from './thread';
import { mutateThread } from './thread-repository';
import { asUnitOfWork } from './unit-of-work';

/**
 * Puts parked records back on the queue: dead-lettered ones on an operator's request (replay), scheduled ones when
 * their effective date arrives (release).
 */
export class ReplayService {
  constructor(
    private readonly store: RequestStore,
    private readonly queue: WorkQueue,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Replays the dead-lettered threads of a request number (all of them when none is given), oldest received first, so
   * that a person's requests parked behind an earlier failed one are queued after it, in ServiceNow's order.
   */
  replay(requestNumber?: string): Promise<ThreadRecord[]> {
    return asUnitOfWork(this.store, () => this.replayNow(requestNumber));
  }

  private async replayNow(requestNumber?: string): Promise<ThreadRecord[]> {
    const found = requestNumber
      ? (await this.store.findByRequestNumber(requestNumber)).filter((t) => t.state === 'dead-lettered')
      : await this.store.findInState('dead-lettered');
    const candidates = [...found].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const replayed: ThreadRecord[] = [];
    for (const candidate of candidates) {
      const record = await mutateThread(this.store, candidate.threadKey, (r) => {
        if (r.state !== 'dead-lettered') {
          return false;
        }
        r.replays += 1;
        transition(r, 'queued', this.clock.isoNow(), `replay ${r.replays} requested`);
        return true;
      });
      if (record && record.state === 'queued') {
        await this.queue.enqueue({ threadKey: record.threadKey, correlationId: record.correlationId, userKey: record.userKey, replay: record.replays });
        this.logger.info('thread.replayed', { correlationId: record.correlationId, requestNumber: record.requestNumber, replay: record.replays });
        replayed.push(record);
      }
    }
    return replayed;
  }

  /** Re-queues every scheduled record whose effective date has come. */
  releaseDue(): Promise<ThreadRecord[]> {
    return asUnitOfWork(this.store, () => this.releaseDueNow());
  }

  private async releaseDueNow(): Promise<ThreadRecord[]> {
    const due = await this.store.findInState('scheduled', this.clock.isoNow());
    const released: ThreadRecord[] = [];
    for (const candidate of due) {
      const record = await mutateThread(this.store, candidate.threadKey, (r) => {
        if (r.state !== 'scheduled') {
          return false;
        }
        transition(r, 'queued', this.clock.isoNow(), 'effective date reached');
        return true;
      });
      if (record && record.state === 'queued') {
        await this.queue.enqueue({ threadKey: record.threadKey, correlationId: record.correlationId, userKey: record.userKey, replay: record.replays });
        released.push(record);
      }
    }
    return released;
  }
}
