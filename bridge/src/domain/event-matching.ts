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
 * `transaction.id` carries the same value for API-initiated events in the System Log samples (reference §4.4 marks
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

/**
 * Adds a confirmation to a thread; returns true when that closes the thread (nothing left to await). Only an event of
 * a type the thread still awaits confirms anything: the same Okta request also causes events the bridge did not ask
 * for (a group push, a second membership event), and those must not appear as confirmations.
 */
export function applyConfirmation(record: ThreadRecord, event: OutsideChangeRecord): boolean {
  if (record.confirmations.some((c) => c.eventId === event.eventId) || !record.awaiting.includes(event.eventType)) {
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
