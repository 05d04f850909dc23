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
 * A failed write never changes the Okta outcome; it is recorded (and logged) so that it is visible and can be
 * repeated, since the ServiceNow client already retried it.
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
    const state = this.states[record.state];
    let ok = true;
    let failure: string | undefined;
    try {
      await this.client.updateRequestItem(record.request.requestSysId, { workNote: workNoteFor(record), state });
    } catch (error) {
      ok = false;
      failure = errorMessage(error);
      this.logger.warn('servicenow.writeback_failed', { correlationId: record.correlationId, requestNumber: record.requestNumber, error: failure });
    }
    const at = this.clock.isoNow();
    await mutateThread(this.store, record.threadKey, (r) => {
      r.serviceNowWrites.push({ at, ok, ...(state ? { state } : {}), ...(failure ? { error: failure } : {}) });
    });
  }
}
