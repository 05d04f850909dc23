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

/**
 * Reports a thread's state to its ServiceNow requested item and records the attempt in the thread.
 *
 * Each thread state is reported once: the worker and the event hook may both try to report a confirmation, and the
 * first to claim it in the record writes. A failed write never changes the Okta outcome; it is recorded (and logged)
 * so that it is visible, after the ServiceNow client's own bounded retries.
 */
export class ServiceNowWriteBack {
  constructor(
    private readonly client: ServiceNowClient,
    private readonly store: RequestStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly states: ServiceNowStateMap = DEFAULT_SERVICENOW_STATES,
  ) {}

  async report(record: ThreadRecord): Promise<void> {
    const threadState = record.state;
    const attempt = record.attempts;
    const claimedAt = this.clock.isoNow();
    let claimed = false;
    const latest = await mutateThread(this.store, record.threadKey, (r) => {
      if (r.serviceNowWrites.some((w) => w.threadState === threadState && w.attempt === attempt) || r.state !== threadState) {
        return false;
      }
      r.serviceNowWrites.push({ at: claimedAt, threadState, attempt, ok: false, pending: true });
      claimed = true;
      return true;
    });
    if (!claimed || !latest) {
      return;
    }
    const state = this.states[threadState];
    let failure: string | undefined;
    try {
      await this.client.updateRequestItem(latest.request.requestSysId, { workNote: workNoteFor(latest), state });
    } catch (error) {
      failure = errorMessage(error);
      this.logger.warn('servicenow.writeback_failed', { correlationId: latest.correlationId, requestNumber: latest.requestNumber, error: failure });
    }
    await mutateThread(this.store, record.threadKey, (r) => {
      const index = r.serviceNowWrites.findIndex((w) => w.threadState === threadState && w.at === claimedAt);
      r.serviceNowWrites[index] = { at: claimedAt, threadState, attempt, ok: failure === undefined, ...(state ? { state } : {}), ...(failure ? { error: failure } : {}) };
    });
  }
}
