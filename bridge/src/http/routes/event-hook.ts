import { ConfirmationService } from '../../domain/confirmation-service';
import { Logger } from '../../ports/logger';
import { secretsEqual } from '../constant-time';
import { judgeEvent } from '../okta-event-shape';
import { errorResponse, jsonResponse } from '../responses';
import { BodyRejected, parseStrictJson } from '../strict-json';
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
 * Okta event hooks are not signed; they carry a static header secret (docs/reference/okta-event-hooks.md §4.2), compared here in constant time on
 * both the one-time verification GET and every POST. Each event of a delivery is judged on its own: the valid ones are
 * recorded (once: the store keys them by uuid) and the malformed ones are logged with why, so one bad event never costs
 * the others. The POST answers 204, or 200 listing the refused events; Okta retries once on 5xx or timeout and never
 * on 4xx, so a 5xx only means the store failed and a retry may work.
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
      return errorResponse(400, "GET is only used for Okta's one-time verification and needs the x-okta-verification-challenge header");
    }
    deps.logger.info('event_hook.verified', {});
    return jsonResponse(200, { verification: challenge });
  }
  let payload: unknown;
  try {
    payload = parseStrictJson(request.rawBody);
  } catch (error) {
    if (error instanceof BodyRejected) {
      deps.logger.warn('event_hook.body_refused', { reason: error.message });
      return errorResponse(400, `event hook body refused: ${error.message}`);
    }
    throw error;
  }
  const events = (payload as { data?: { events?: unknown } } | null)?.data?.events;
  if (!Array.isArray(events)) {
    return errorResponse(400, "event hook body has no data.events array; expected Okta's com.okta.event_hook payload");
  }
  const judged = events.map(judgeEvent);
  const valid = judged.flatMap((j) => (j.ok ? [j.event] : []));
  const refused = judged.flatMap((j, index) => (j.ok ? [] : [{ index, ...(j.uuid ? { uuid: j.uuid } : {}), reason: j.reason }]));
  for (const event of refused) {
    deps.logger.warn('event_hook.event_refused', event);
  }
  const summary = await deps.confirmations.handleEvents(valid);
  deps.logger.info('event_hook.received', { ...summary, refused: refused.length });
  if (refused.length === 0) {
    return { statusCode: 204, headers: {}, body: '' };
  }
  // Still a success: the valid events are stored, and a retry of the same delivery could not make the others readable.
  return jsonResponse(200, { stored: summary.received - summary.duplicates - summary.ignored, refused });
}
