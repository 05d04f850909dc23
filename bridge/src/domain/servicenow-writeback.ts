import { Clock } from '../ports/clock';
import { Logger } from '../ports/logger';
import { RequestStore } from '../ports/request-store';
import { ServiceNowClient } from '../ports/servicenow-client';
import { errorMessage } from './step-run';
import { ThreadRecord, ThreadState } from './thread';
import { mutateThread } from './thread-repository';
import { workNoteFor } from './work-notes';

/**
 * `sc_req_item.state` choice values to set per thread state; a state left out only gets a work note.
 *
 * Choice values are instance configuration (query `sys_choice` for `sc_req_item.state`): the defaults are the usual
 * task values 2 = Work in Progress, 3 = Closed Complete, 4 = Closed Incomplete.
 */
export type ServiceNowStateMap = Partial<Record<ThreadState, string>>;

export const DEFAULT_SERVICENOW_STATES: ServiceNowStateMap = { applied: '2', confirmed: '3', 'dead-lettered': '4' };

/** The thread states a reporter is ever asked to write back; a write completing may send the next one of these. */
const REPORTED_STATES: ReadonlySet<ThreadState> = new Set(['applied', 'confirmed', 'dead-lettered', 'scheduled']);

/**
 * A claimed write older than this is taken as abandoned (its reporter crashed mid-write): longer than the Lambda
 * timeout (120 s) and than the ServiceNow client's bounded retries, so a live write is never overtaken.
 */
export const ABANDONED_WRITE_MS = 180_000;

/**
 * Reports a thread's state to its ServiceNow requested item and records the attempt in the thread.
 *
 * Each thread state is reported once per attempt, and the writes of one thread never overlap, so they land in order
 * even across processes (the worker and the event-hook function). Both rest on the record's versioned update: a
 * reporter claims a state only while no other write is in flight; a write that completes marks itself done in the
 * same update that looks at the thread's current state, and, if that state is still unreported (a confirmation
 * arrived while "applied" was being written), claims and sends it. Whichever of the two updates comes second sends
 * the later state, so exactly one process does, after the earlier write landed.
 *
 * A failed write never changes the Okta outcome; it is recorded (and logged) so that it is visible, after the
 * ServiceNow client's own bounded retries.
 */
export class ServiceNowWriteBack {
  constructor(
    private readonly client: ServiceNowClient,
    private readonly store: RequestStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly states: ServiceNowStateMap = DEFAULT_SERVICENOW_STATES,
  ) {}

  /**
   * Reports `record`'s state. The record is taken as the thread's latest version, which the callers have just read or
   * written: the claim is saved on it directly, and read again only when another writer got there first.
   */
  async report(record: ThreadRecord): Promise<void> {
    let claim = await this.claim(record, (r) => r.state === record.state && r.attempts === record.attempts);
    while (claim) {
      claim = await this.write(record.threadKey, claim);
    }
  }

  /** Claims the thread's current state for writing, if `wanted`, unreported and no other write is in flight. */
  private async claim(latest: ThreadRecord, wanted: (r: ThreadRecord) => boolean): Promise<ClaimedWrite | undefined> {
    let claim: Claim | undefined;
    const saved = await mutateThread(
      this.store,
      latest.threadKey,
      (r) => {
        claim = wanted(r) ? this.claimIn(r) : undefined;
        return claim !== undefined;
      },
      latest,
    );
    return claim && saved ? { ...claim, saved } : undefined;
  }

  /**
   * Marks the claim's write done and returns the next claim when the thread moved on meanwhile (same update). The
   * update starts from the record the claim saved: unless a confirmation came in during the write, that is current.
   */
  private async write(threadKey: string, claim: ClaimedWrite): Promise<ClaimedWrite | undefined> {
    const state = this.states[claim.threadState];
    let failure: string | undefined;
    try {
      await this.client.updateRequestItem(claim.requestSysId, { workNote: claim.workNote, state });
    } catch (error) {
      failure = errorMessage(error);
      this.logger.warn('servicenow.writeback_failed', { correlationId: claim.correlationId, requestNumber: claim.requestNumber, error: failure });
    }
    let next: Claim | undefined;
    const saved = await mutateThread(
      this.store,
      threadKey,
      (r) => {
        const index = r.serviceNowWrites.findIndex((w) => w.threadState === claim.threadState && w.at === claim.at);
        r.serviceNowWrites[index] = {
          at: claim.at,
          threadState: claim.threadState,
          attempt: claim.attempt,
          ok: failure === undefined,
          ...(state ? { state } : {}),
          ...(failure ? { error: failure } : {}),
        };
        next = REPORTED_STATES.has(r.state) ? this.claimIn(r) : undefined;
      },
      claim.saved,
    );
    return next && saved ? { ...next, saved } : undefined;
  }

  private claimIn(r: ThreadRecord): Claim | undefined {
    const nowMs = this.clock.now();
    const reported = r.serviceNowWrites.some((w) => w.threadState === r.state && w.attempt === r.attempts);
    const inFlight = r.serviceNowWrites.some((w) => w.pending && nowMs - Date.parse(w.at) < ABANDONED_WRITE_MS);
    if (reported || inFlight) {
      return undefined;
    }
    const at = this.clock.isoNow();
    r.serviceNowWrites.push({ at, threadState: r.state, attempt: r.attempts, ok: false, pending: true });
    return {
      at,
      threadState: r.state,
      attempt: r.attempts,
      requestSysId: r.request.requestSysId,
      workNote: workNoteFor(r),
      correlationId: r.correlationId,
      requestNumber: r.requestNumber,
    };
  }
}

/** A claim and the thread record as the update that made it saved it. */
type ClaimedWrite = Claim & { readonly saved: ThreadRecord };

/** One claimed write: what to send, and how to find its entry again. */
interface Claim {
  readonly at: string;
  readonly threadState: ThreadState;
  readonly attempt: number;
  readonly requestSysId: string;
  readonly workNote: string;
  readonly correlationId: string;
  readonly requestNumber: string;
}
