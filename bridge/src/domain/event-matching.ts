import { OutsideChangeRecord, ThreadRecord } from './thread';

/** The subset of a System Log event (event-hook payload) the bridge reads. */
export interface OktaLogEvent {
  readonly uuid: string;
  readonly eventType: string;
  readonly published: string;
  readonly displayMessage?: string;
  readonly actor?: { readonly id?: string; readonly type?: string; readonly alternateId?: string };
  readonly target?: ReadonlyArray<{ readonly id?: string; readonly type?: string; readonly alternateId?: string }>;
  readonly debugContext?: { readonly debugData?: { readonly requestId?: string } };
  readonly transaction?: { readonly id?: string };
}

/** The user an event is about (its `User` target), if any. */
export function userTargetOf(event: OktaLogEvent): string | undefined {
  return event.target?.find((t) => t.type === 'User' && t.id)?.id;
}

/**
 * The request id that caused the event. Okta documents `debugContext.debugData.requestId` as the API request id;
 * `transaction.id` carries the same value for API-initiated events in the System Log samples (docs/reference/okta-event-hooks.md §4.4 marks
 * this correlation as an inference, so both are read).
 */
export function requestIdOf(event: OktaLogEvent): string | undefined {
  return event.debugContext?.debugData?.requestId ?? event.transaction?.id;
}

/** The thread whose Okta calls caused this event, matched by X-Okta-Request-Id; only evidence counts, never timing. */
export function matchThread(event: Pick<OutsideChangeRecord, 'oktaRequestId'>, threads: readonly ThreadRecord[]): ThreadRecord | undefined {
  if (!event.oktaRequestId) {
    return undefined;
  }
  return threads.find((t) => t.calls.some((c) => c.oktaRequestId === event.oktaRequestId));
}

/** The System Log event type a successful Management API call of the bridge is made to cause. */
const CALL_EVENTS: ReadonlyArray<readonly [method: string, path: RegExp, eventType: string]> = [
  ['POST', /^\/api\/v1\/users$/, 'user.lifecycle.create'],
  ['POST', /^\/api\/v1\/users\/[^/]+\/lifecycle\/activate$/, 'user.lifecycle.activate'],
  ['POST', /^\/api\/v1\/users\/[^/]+\/lifecycle\/reactivate$/, 'user.lifecycle.reactivate'],
  ['POST', /^\/api\/v1\/users\/[^/]+\/lifecycle\/deactivate$/, 'user.lifecycle.deactivate'],
  ['POST', /^\/api\/v1\/users\/[^/]+\/lifecycle\/unsuspend$/, 'user.lifecycle.unsuspend'],
  ['POST', /^\/api\/v1\/users\/[^/]+$/, 'user.account.update_profile'],
  ['PUT', /^\/api\/v1\/groups\/[^/]+\/users\/[^/]+$/, 'group.user_membership.add'],
  ['DELETE', /^\/api\/v1\/groups\/[^/]+\/users\/[^/]+$/, 'group.user_membership.remove'],
];

/**
 * Whether the thread awaited this event: its type is still awaited, or it is the very event one of the thread's own
 * calls (the one with its request id) was made to cause, which also covers an attempt that crashed before it could
 * save what it awaited. The same Okta request can cause other events too (the population-group membership of a
 * create), and a thread never asked for those.
 */
function awaited(record: ThreadRecord, event: OutsideChangeRecord): boolean {
  if (record.awaiting.includes(event.eventType)) {
    return true;
  }
  const call = record.calls.find((c) => c.oktaRequestId !== undefined && c.oktaRequestId === event.oktaRequestId && c.status < 300);
  return call !== undefined && CALL_EVENTS.some(([method, path, type]) => call.method === method && path.test(call.path) && type === event.eventType);
}

/**
 * Adds a confirmation to a thread; returns true when that closes the thread (nothing left to await). Only an event
 * the thread awaited (see {@link awaited}) confirms anything; others are left out of its confirmations.
 */
export function applyConfirmation(record: ThreadRecord, event: OutsideChangeRecord): boolean {
  if (record.confirmations.some((c) => c.eventId === event.eventId) || !awaited(record, event)) {
    return false;
  }
  record.confirmations.push({
    eventId: event.eventId,
    eventType: event.eventType,
    published: event.published,
    ...(event.oktaRequestId ? { oktaRequestId: event.oktaRequestId } : {}),
  });
  record.awaiting = record.awaiting.filter((type) => type !== event.eventType);
  return record.state === 'applied' && record.awaiting.length === 0;
}
