import { Clock } from '../ports/clock';
import { ExecutionJournal } from '../ports/lifecycle-executor';
import { Logger } from '../ports/logger';
import { RequestStore } from '../ports/request-store';
import { OktaCallRecord, StepRecord, ThreadRecord } from './thread';

/**
 * The worker's {@link ExecutionJournal}: collects what the executor reports and saves each Okta call (and the Okta user
 * id, once known) to the thread as it is made, not only when the request settles.
 *
 * A worker that dies after its Okta calls and before its final update would otherwise lose them: the redelivery finds
 * Okta already in the requested state, the thread shows no call, and the System Log events of the crashed attempt
 * cannot be matched to it, so they look like changes made outside the bridge. The executor waits for the returned
 * promise before it hands Okta's answer on, so a call is on the thread before anything acts on it.
 *
 * Only calls that can change Okta are saved as they are made. A read (GET, HEAD) or a token request changes nothing
 * and causes no System Log event to match, so it waits for the next save or the final update: one DynamoDB write per
 * change instead of one per HTTP exchange. A crash loses at most the reads after the last change, which the
 * redelivery makes again.
 *
 * Saves run one at a time, in call order. A save that fails is logged and retried with the next one; whatever is
 * still unsaved goes in with the worker's final update ({@link unsavedCalls}).
 */
export class ProgressJournal implements ExecutionJournal {
  readonly calls: OktaCallRecord[] = [];
  readonly steps: StepRecord[] = [];
  oktaUserId?: string;
  private savedCalls = 0;
  private savedUserId?: string;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: RequestStore,
    private readonly thread: Pick<ThreadRecord, 'threadKey' | 'receivedAt' | 'oktaUserId'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.oktaUserId = thread.oktaUserId;
    this.savedUserId = thread.oktaUserId;
  }

  recordCall(call: OktaCallRecord): Promise<void> {
    this.calls.push(call);
    return changesNothing(call) ? Promise.resolve() : this.save();
  }

  recordStep(step: Omit<StepRecord, 'at'>): void {
    this.steps.push({ ...step, at: this.clock.isoNow() });
  }

  setOktaUserId(id: string): Promise<void> {
    this.oktaUserId = id;
    return this.save();
  }

  /** Waits for every save started so far. */
  flush(): Promise<void> {
    return this.chain;
  }

  /** The calls no save has stored yet (a save failed): the worker's final update adds them. */
  unsavedCalls(): OktaCallRecord[] {
    return this.calls.slice(this.savedCalls);
  }

  private save(): Promise<void> {
    this.chain = this.chain.then(async () => {
      const calls = this.calls.slice(this.savedCalls);
      const oktaUserId = this.oktaUserId !== this.savedUserId ? this.oktaUserId : undefined;
      if (calls.length === 0 && !oktaUserId) {
        return;
      }
      try {
        await this.store.recordProgress(this.thread, { calls, ...(oktaUserId ? { oktaUserId } : {}) });
        this.savedCalls += calls.length;
        this.savedUserId = oktaUserId ?? this.savedUserId;
      } catch (error) {
        this.logger.warn('worker.progress_not_saved', {
          threadKey: this.thread.threadKey,
          calls: calls.length,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    });
    return this.chain;
  }
}

/** A read, or a request for an access token: nothing in the org changes, and no System Log event about a user follows. */
function changesNothing(call: OktaCallRecord): boolean {
  return call.method === 'GET' || call.method === 'HEAD' || (call.method === 'POST' && call.path.endsWith('/v1/token'));
}
