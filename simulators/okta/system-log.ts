import { uuid } from './ids';
import type { LogEvent, LogTarget, OperationContext } from './model';

/** Receives every event appended to the System Log (event hooks subscribe here). */
export type LogListener = (event: LogEvent) => void;

/**
 * The org's System Log: an append-only list of Okta-shaped events.
 *
 * `transaction.id` and `debugContext.debugData.requestId` both carry the `X-Okta-Request-Id` of the call that caused
 * the event. That the two are equal for API calls is an assumption (docs/reference/okta-event-hooks.md §4.4 marks the correlation [inference]).
 */
export class SystemLog {
  private readonly events: LogEvent[] = [];
  private readonly listeners = new Set<LogListener>();

  append(
    ctx: OperationContext,
    eventType: string,
    displayMessage: string,
    target: readonly LogTarget[],
    outcome: LogEvent['outcome'] = { result: 'SUCCESS', reason: null },
  ): LogEvent {
    const event: LogEvent = {
      uuid: uuid(),
      published: new Date().toISOString(),
      eventType,
      version: '0',
      displayMessage,
      severity: outcome.result === 'SUCCESS' ? 'INFO' : 'WARN',
      legacyEventType: null,
      actor: { ...ctx.actor, detailEntry: null },
      client: { userAgent: null, zone: 'null', device: 'Unknown', id: null, ipAddress: '127.0.0.1' },
      outcome,
      target,
      transaction: { type: ctx.transactionType ?? 'WEB', id: ctx.requestId, detail: {} },
      debugContext: { debugData: { requestId: ctx.requestId, requestUri: ctx.requestUri } },
      authenticationContext: { authenticationStep: 0, externalSessionId: 'unknown' },
      securityContext: {},
    };
    this.events.push(event);
    for (const listener of this.listeners) {
      listener(event);
    }
    return event;
  }

  /** Every event so far, oldest first. */
  all(): readonly LogEvent[] {
    return this.events;
  }

  subscribe(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
