import { randomUUID } from 'node:crypto';
import { Clock } from '../ports/clock';
import { Logger } from '../ports/logger';
import { RequestStore } from '../ports/request-store';
import { WorkQueue } from '../ports/work-queue';
import { JmlRequest, userKeyOf } from './jml-request';
import { newThread, ThreadRecord, threadKeyOf, ThreadState, transition } from './thread';
import { mutateThread } from './thread-repository';
import { asUnitOfWork } from './unit-of-work';

/** What the intake answers; a duplicate delivery gets the original correlation id. */
export interface IntakeResult {
  readonly correlationId: string;
  readonly requestNumber: string;
  readonly state: ThreadState;
  readonly duplicate: boolean;
}

/** A webhook id that already carried a different payload: a replay or a producer bug, never processed. */
export class ReplayedWebhookError extends Error {
  constructor(readonly webhookId: string) {
    super(
      `webhook-id '${webhookId}' was already used for a different payload; ServiceNow must send a new webhook-id for every new message and reuse it only when retrying the identical body`,
    );
    this.name = 'ReplayedWebhookError';
  }
}

/**
 * Accepts a verified, validated request: durable record first, then the queue, then `queued`.
 *
 * If the queue is unreachable the record stays `received` and the caller answers 503; the producer's retry (same
 * webhook-id) finds the record and enqueues it again, so nothing accepted is lost.
 */
export class IntakeService {
  constructor(
    private readonly store: RequestStore,
    private readonly queue: WorkQueue,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** One unit of work: what it stores is sealed before it returns ({@link asUnitOfWork}). */
  accept(input: { webhookId: string; bodyHash: string; request: JmlRequest }): Promise<IntakeResult> {
    return asUnitOfWork(this.store, () => this.acceptNow(input));
  }

  private async acceptNow(input: { webhookId: string; bodyHash: string; request: JmlRequest }): Promise<IntakeResult> {
    const fresh = newThread({
      threadKey: threadKeyOf(input.webhookId, input.request.requestNumber),
      correlationId: randomUUID(),
      webhookId: input.webhookId,
      bodyHash: input.bodyHash,
      request: input.request,
      userKey: userKeyOf(input.request),
      now: this.clock.isoNow(),
    });
    const claim = await this.store.claimThread(fresh);
    if (claim.kind === 'conflict') {
      throw new ReplayedWebhookError(input.webhookId);
    }
    const threadKey = claim.kind === 'new' ? fresh.threadKey : claim.threadKey;
    const record = claim.kind === 'new' ? fresh : await this.store.getThread(threadKey);
    if (!record) {
      throw new Error(`thread ${threadKey} vanished between claim and read; the store is inconsistent`);
    }
    const duplicate = claim.kind === 'duplicate';
    if (duplicate && record.state !== 'received') {
      this.logger.info('intake.duplicate', { correlationId: record.correlationId, requestNumber: record.requestNumber, state: record.state });
      return this.result(record, true);
    }
    await this.queue.enqueue({ threadKey: record.threadKey, correlationId: record.correlationId, userKey: record.userKey, replay: record.replays });
    const queued = await this.markQueued(record);
    this.logger.info('intake.accepted', { correlationId: record.correlationId, requestNumber: record.requestNumber, action: record.action, duplicate });
    return this.result(queued, duplicate);
  }

  /** `received` -> `queued` with the record in hand (one write); re-read only if the worker got there first. */
  private async markQueued(record: ThreadRecord): Promise<ThreadRecord> {
    const latest = await mutateThread(
      this.store,
      record.threadKey,
      (r) => {
        if (r.state !== 'received') {
          return false;
        }
        transition(r, 'queued', this.clock.isoNow());
        return true;
      },
      record,
    );
    return latest ?? record;
  }

  private result(record: ThreadRecord, duplicate: boolean): IntakeResult {
    return { correlationId: record.correlationId, requestNumber: record.requestNumber, state: record.state, duplicate };
  }
}
