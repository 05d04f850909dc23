import { JmlAction, JmlRequest } from './jml-request';

/**
 * The golden thread: one audit record per accepted request, from intake to Okta's own confirmation.
 *
 * States move forward only (see {@link ALLOWED_TRANSITIONS}); `scheduled` parks a request until its effective date and
 * `dead-lettered` holds a request that exhausted its retries or failed for good, until an operator replays it.
 */
export type ThreadState = 'received' | 'queued' | 'scheduled' | 'applying' | 'applied' | 'confirmed' | 'dead-lettered';

export const ALLOWED_TRANSITIONS: Readonly<Record<ThreadState, readonly ThreadState[]>> = {
  received: ['queued'],
  queued: ['applying'],
  scheduled: ['queued', 'applying'],
  applying: ['applied', 'scheduled', 'dead-lettered', 'applying'],
  applied: ['confirmed'],
  confirmed: [],
  'dead-lettered': ['queued'],
};

/** True when a record in `from` may move to `to`. */
export function canTransition(from: ThreadState, to: ThreadState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** One HTTP call to Okta (or a Workflows flow), as evidence. Never holds bodies or credentials. */
export interface OktaCallRecord {
  readonly method: string;
  /** Path without the query string, e.g. `/api/v1/users/00u1/lifecycle/activate`. */
  readonly path: string;
  readonly status: number;
  /** `X-Okta-Request-Id` of the response: the key that joins this call to Okta's System Log. */
  readonly oktaRequestId?: string;
  readonly at: string;
  readonly durationMs: number;
  readonly errorCode?: string;
}

export type StepOutcome = 'done' | 'skipped' | 'failed' | 'compensated';

/** One step of the plan and what happened to it, in words an auditor can read. */
export interface StepRecord {
  readonly step: string;
  readonly outcome: StepOutcome;
  readonly detail: string;
  readonly at: string;
}

export interface StateChange {
  readonly state: ThreadState;
  readonly at: string;
  readonly note?: string;
}

/** A System Log event that confirmed (or contradicted) what the bridge did. */
export interface ConfirmationRecord {
  readonly eventId: string;
  readonly eventType: string;
  readonly published: string;
  readonly oktaRequestId?: string;
}

/** One write-back to the ServiceNow requested item, made once per thread state. */
export interface ServiceNowWriteRecord {
  readonly at: string;
  /** The thread state reported; claimed before the call, so concurrent reporters (worker, event hook) write once. */
  readonly threadState: ThreadState;
  /** The attempt it belongs to: after a replay, the same state is reported again. */
  readonly attempt: number;
  readonly ok: boolean;
  readonly pending?: boolean;
  readonly state?: string;
  readonly error?: string;
}

export interface ThreadOutcome {
  readonly result: 'success' | 'failure';
  readonly summary: string;
  /** True when a permanent failure part-way was undone step by step. */
  readonly compensated?: boolean;
  readonly retryable?: boolean;
}

export interface ThreadRecord {
  /** Durable key: `<webhook-id>#<request number>`, so a redelivery of the same message finds this record. */
  readonly threadKey: string;
  readonly correlationId: string;
  readonly webhookId: string;
  /** SHA-256 of the raw body: a redelivery carries the same one, a reused webhook-id with another body does not. */
  readonly bodyHash: string;
  readonly requestNumber: string;
  readonly action: JmlAction;
  readonly userKey: string;
  readonly request: JmlRequest;
  state: ThreadState;
  /** Incremented on every save; the store refuses a save whose base version is stale (optimistic locking). */
  version: number;
  oktaUserId?: string;
  readonly receivedAt: string;
  updatedAt: string;
  /** When a `scheduled` record becomes due (ISO timestamp). */
  dueAt?: string;
  attempts: number;
  replays: number;
  history: StateChange[];
  calls: OktaCallRecord[];
  steps: StepRecord[];
  /** Event types whose System Log entries close the thread (see `expectedConfirmations`). */
  awaiting: string[];
  confirmations: ConfirmationRecord[];
  serviceNowWrites: ServiceNowWriteRecord[];
  outcome?: ThreadOutcome;
}

/**
 * A change Okta reported that no bridge request caused: kept next to the threads of the same user so that the
 * thread CLI shows it, as the evidence of drift it is.
 */
export interface OutsideChangeRecord {
  readonly eventId: string;
  readonly eventType: string;
  readonly published: string;
  readonly oktaUserId: string;
  readonly actor: string;
  readonly oktaRequestId?: string;
  readonly displayMessage?: string;
  /** `outside-bridge` once classified; `pending` while a bridge request for the same user is still in flight. */
  origin: 'outside-bridge' | 'pending' | 'bridge';
  readonly receivedAt: string;
}

/** Creates the initial record for an accepted request. */
export function newThread(params: {
  threadKey: string;
  correlationId: string;
  webhookId: string;
  bodyHash: string;
  request: JmlRequest;
  userKey: string;
  now: string;
}): ThreadRecord {
  return {
    threadKey: params.threadKey,
    correlationId: params.correlationId,
    webhookId: params.webhookId,
    bodyHash: params.bodyHash,
    requestNumber: params.request.requestNumber,
    action: params.request.action,
    userKey: params.userKey,
    request: params.request,
    state: 'received',
    version: 1,
    receivedAt: params.now,
    updatedAt: params.now,
    attempts: 0,
    replays: 0,
    history: [{ state: 'received', at: params.now }],
    calls: [],
    steps: [],
    awaiting: [],
    confirmations: [],
    serviceNowWrites: [],
  };
}

/** Moves a record to a new state, refusing moves the state machine does not allow. */
export function transition(record: ThreadRecord, to: ThreadState, now: string, note?: string): void {
  if (!canTransition(record.state, to)) {
    throw new Error(
      `thread ${record.threadKey} cannot move from '${record.state}' to '${to}'; allowed next states are ${ALLOWED_TRANSITIONS[record.state].join(', ') || 'none'}`,
    );
  }
  record.state = to;
  record.updatedAt = now;
  record.history.push(note ? { state: to, at: now, note } : { state: to, at: now });
}

/** Builds the durable key from the Standard Webhooks message id and the ServiceNow request number. */
export function threadKeyOf(webhookId: string, requestNumber: string): string {
  return `${webhookId}#${requestNumber}`;
}
