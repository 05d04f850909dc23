import { ConfirmationService } from '../../domain/confirmation-service';
import { OktaLogEvent } from '../../domain/event-matching';
import { Logger } from '../../ports/logger';
import { secretsEqual } from '../constant-time';
import { errorResponse, jsonResponse } from '../responses';
import { HttpRequest, HttpResponse } from '../types';

export interface EventHookRouteDeps {
  readonly confirmations: ConfirmationService;
  /** Lower-cased name of the header Okta sends (the event hook's `authScheme.key`). */
  readonly headerName: string;
  /** Its expected value (`authScheme.value`). */
  readonly secret: string;
  readonly logger: Logger;
}

/**
 * `GET|POST /v1/okta/events`: the Okta event hook.
 *
 * Okta event hooks are not signed; they carry a static header secret (reference §4.2), compared here in constant time on
 * both the one-time verification GET and every POST. The POST answers 204 once the events are recorded; Okta retries
 * once on 5xx or timeout and never on 4xx.
 */
export async function handleEventHook(deps: EventHookRouteDeps, request: HttpRequest): Promise<HttpResponse> {
  const presented = request.headers[deps.headerName];
  if (!presented || !secretsEqual(presented, deps.secret)) {
    deps.logger.warn('event_hook.unauthenticated', { method: request.method });
    return errorResponse(401, `missing or wrong ${deps.headerName} header; configure the event hook's authScheme with the bridge's event-hook secret`);
  }
  if (request.method === 'GET') {
    const challenge = request.headers['x-okta-verification-challenge'];
    if (!challenge) {
      return errorResponse(400, 'GET is only used for Okta\'s one-time verification and needs the x-okta-verification-challenge header');
    }
    deps.logger.info('event_hook.verified', {});
    return jsonResponse(200, { verification: challenge });
  }
  let payload: { data?: { events?: unknown } };
  try {
    payload = JSON.parse(request.rawBody.toString('utf8')) as typeof payload;
  } catch (error) {
    return errorResponse(400, `event hook body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const events = payload?.data?.events;
  if (!Array.isArray(events)) {
    return errorResponse(400, 'event hook body has no data.events array; expected Okta\'s com.okta.event_hook payload');
  }
  const valid = events.filter(isLogEvent);
  const summary = await deps.confirmations.handleEvents(valid);
  deps.logger.info('event_hook.received', { ...summary, malformed: events.length - valid.length });
  return { statusCode: 204, headers: {}, body: '' };
}

function isLogEvent(value: unknown): value is OktaLogEvent {
  const e = value as Partial<OktaLogEvent> | null;
  return typeof e === 'object' && e !== null && typeof e.uuid === 'string' && typeof e.eventType === 'string' && typeof e.published === 'string';
}
