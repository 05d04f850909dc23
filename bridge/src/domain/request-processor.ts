import { Clock } from '../ports/clock';
import { ExecutionResult, LifecycleExecutor } from '../ports/lifecycle-executor';
import { Logger } from '../ports/logger';
import { RequestStore } from '../ports/request-store';
import { WorkMessage } from '../ports/work-queue';
import { ConfirmationService } from './confirmation-service';
import { ServiceNowWriteBack } from './servicenow-writeback';
import { ProgressJournal } from './progress-journal';
import { OktaCallRecord, ThreadRecord, transition } from './thread';
import { mutateThread } from './thread-repository';
import { asUnitOfWork } from './unit-of-work';

/** What the worker did with one message: the queue adapter acks every outcome except a thrown error. */
export type ProcessOutcome = 'applied' | 'scheduled' | 'dead-lettered' | 'skipped';

/**
 * The worker: takes one queued request through `applying` to `applied`, `scheduled` or `dead-lettered`.
 *
 * Redeliveries are harmless: a record already past `applying` is skipped, and one left in `applying` by a crashed
 * worker is applied again (the steps are state-based, so this resumes rather than repeats).
 */
export class RequestProcessor {
  constructor(
    private readonly store: RequestStore,
    private readonly executor: LifecycleExecutor,
    private readonly writeBack: ServiceNowWriteBack,
    private readonly confirmations: ConfirmationService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** One unit of work: what it stores is sealed before it returns ({@link asUnitOfWork}). */
  process(message: WorkMessage): Promise<ProcessOutcome> {
    return asUnitOfWork(this.store, () => this.processNow(message));
  }

  private async processNow(message: WorkMessage): Promise<ProcessOutcome> {
    const log = this.logger.child({ correlationId: message.correlationId });
    const current = await this.store.getThread(message.threadKey);
    if (!current) {
      throw new Error(`no thread record for queued message ${message.threadKey}; the intake writes it before enqueueing, so redeliver later`);
    }
    if (!this.isRunnable(current)) {
      log.info('worker.skip', { requestNumber: current.requestNumber, state: current.state });
      return 'skipped';
    }
    const started = await mutateThread(
      this.store,
      message.threadKey,
      (r) => {
        if (r.state === 'received') {
          transition(r, 'queued', this.clock.isoNow());
        }
        transition(r, 'applying', this.clock.isoNow(), `attempt ${r.attempts + 1}`);
        r.attempts += 1;
      },
      current,
    );
    const record = started as ThreadRecord;
    log.info('worker.applying', { requestNumber: record.requestNumber, action: record.action, attempt: record.attempts });

    const journal = new ProgressJournal(this.store, record, this.clock, log);
    // One read of the person's threads serves both checks of the order they arrived in.
    const samePerson = await this.store.findByUserKey(record.userKey);
    const superseding = this.supersedingLeaver(record, samePerson);
    const blocker = superseding ? undefined : await this.unfinishedPredecessor(record, samePerson);
    const result: ExecutionResult = superseding
      ? {
          kind: 'failed',
          retryable: false,
          compensated: false,
          summary: `not applied: leaver ${superseding.requestNumber} (effective ${superseding.request.effectiveDate}) was already applied for ${record.request.user.login}, and this ${record.action} is effective ${record.request.effectiveDate}, not after it; the requests arrived out of order; if the person is really coming back, send a rehire effective after the leaver`,
        }
      : blocker
        ? {
            kind: 'failed',
            retryable: true,
            compensated: false,
            summary: `not applied yet: the earlier ${blocker.action} ${blocker.requestNumber} of ${record.request.user.login} (received ${blocker.receivedAt}) is dead-lettered, and this ${record.action} must follow it; replay both, oldest first (npm run bridge:replay -- --all), once the cause of ${blocker.requestNumber}'s failure is fixed`,
          }
        : await this.executor.apply(record.request, { correlationId: record.correlationId, now: new Date(this.clock.now()) }, journal);
    await journal.flush();
    const finished = await mutateThread(this.store, message.threadKey, (r) => {
      const stored = new Set(r.calls.map(callKey));
      r.calls.push(...journal.unsavedCalls().filter((c) => !stored.has(callKey(c))));
      r.steps.push(...journal.steps);
      if (journal.oktaUserId) {
        r.oktaUserId = journal.oktaUserId;
      }
      this.settle(r, result);
    });
    const final = finished as ThreadRecord;
    log.info('worker.settled', { requestNumber: final.requestNumber, state: final.state, oktaUserId: final.oktaUserId, calls: journal.calls.length });
    const afterEvents = final.state === 'applied' || final.state === 'confirmed' ? await this.confirmations.reconcilePending(final) : final;
    await this.writeBack.report(afterEvents);
    return final.state === 'applied' || final.state === 'confirmed' ? 'applied' : (final.state as ProcessOutcome);
  }

  /**
   * A joiner, rehire or mover that arrives after the same person's leaver has been applied, although it is effective
   * before that leaver (a joiner: not after it), is out of order (delivery delays, a retried message): applying it would
   * reactivate or change someone who has left. It is refused and parked for a person to decide. A rehire or mover
   * effective the same day as the leaver follows it in arrival order, as ServiceNow sent them.
   */
  private supersedingLeaver(record: ThreadRecord, samePerson: readonly ThreadRecord[]): ThreadRecord | undefined {
    if (record.action === 'leaver') {
      return undefined;
    }
    return samePerson.find(
      (t) =>
        t.action === 'leaver' &&
        t.threadKey !== record.threadKey &&
        (t.state === 'applied' || t.state === 'confirmed') &&
        (record.action === 'joiner' ? t.request.effectiveDate >= record.request.effectiveDate : t.request.effectiveDate > record.request.effectiveDate) &&
        t.receivedAt <= record.receivedAt,
    );
  }

  /**
   * An earlier request of the same person that failed and waits for a replay (dead-lettered, retryable): applying this
   * one first would reverse ServiceNow's order (a leaver behind a failed joiner would find no user, close as done, and
   * the replayed joiner would then leave the person active). This request is parked behind it instead; parked, it is
   * itself retryable, so the ones behind it wait too. Refused requests (out of order, a permanent Okta refusal) are
   * decisions, not pending work, and hold nothing back. The index is eventually consistent, so each candidate's state
   * is read again from its record.
   */
  private async unfinishedPredecessor(record: ThreadRecord, samePerson: readonly ThreadRecord[]): Promise<ThreadRecord | undefined> {
    const earlier = samePerson.filter(
      (t) => t.threadKey !== record.threadKey && t.receivedAt < record.receivedAt && t.state !== 'confirmed' && t.state !== 'applied',
    );
    for (const candidate of earlier) {
      const current = await this.store.getThread(candidate.threadKey);
      if (current?.state === 'dead-lettered' && current.outcome?.retryable === true) {
        return current;
      }
    }
    return undefined;
  }

  private isRunnable(record: ThreadRecord): boolean {
    if (record.state === 'scheduled') {
      return record.dueAt !== undefined && record.dueAt <= this.clock.isoNow();
    }
    return record.state === 'received' || record.state === 'queued' || record.state === 'applying';
  }

  private settle(r: ThreadRecord, result: ExecutionResult): void {
    const now = this.clock.isoNow();
    switch (result.kind) {
      case 'applied':
        r.outcome = { result: 'success', summary: result.summary };
        r.awaiting = [...result.awaiting];
        delete r.dueAt;
        transition(r, 'applied', now, result.summary);
        if (r.awaiting.length === 0) {
          transition(r, 'confirmed', now, 'no System Log event to wait for: Okta was already in the requested state, or the executor reports no request ids');
        }
        return;
      case 'staged':
        r.dueAt = result.dueAt;
        transition(r, 'scheduled', now, result.summary);
        return;
      case 'failed':
        r.outcome = { result: 'failure', summary: result.summary, compensated: result.compensated, retryable: result.retryable };
        transition(r, 'dead-lettered', now, result.summary);
        return;
    }
  }
}

/** Identifies a call record, so one saved by a save that failed after writing is not added twice. */
function callKey(call: OktaCallRecord): string {
  return `${call.at}|${call.method}|${call.path}|${call.status}|${call.oktaRequestId ?? ''}`;
}
