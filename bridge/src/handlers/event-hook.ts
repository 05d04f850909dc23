import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { systemClock } from '../adapters/clock/system-clock';
import { JsonLogger } from '../adapters/logging/json-logger';
import { awsSecretReader } from '../adapters/secrets/secrets-manager';
import { buildStore } from '../composition/store';
import { buildWorkerServices } from '../composition/worker-services';
import { loadConfig } from '../config/load';
import { HANDLERS } from '../../contract/manifest';
import { bodyTooLarge, fromApiGatewayV2, toApiGatewayV2 } from '../http/api-gateway';
import { errorResponse } from '../http/responses';
import { EventHookRouteDeps, handleEventHook } from '../http/routes/event-hook';

/** Event-hook bodies batch up to a few dozen System Log events; 1 MB is generous. */
const EVENT_HOOK_BODY_LIMIT = 1024 * 1024;

async function init(): Promise<EventHookRouteDeps & { logger: JsonLogger }> {
  const config = await loadConfig(HANDLERS.eventHook.sections, process.env, awsSecretReader(process.env.AWS_REGION));
  const logger = new JsonLogger(config.logLevel, { service: 'jml-bridge', function: 'event-hook' });
  const store = buildStore(config.store);
  const { confirmations } = buildWorkerServices({ store, serviceNow: config.serviceNow, clock: systemClock, logger });
  return { confirmations, headerName: config.eventHook.headerName, secret: config.eventHook.secret, logger };
}

let ready: ReturnType<typeof init> | undefined;

/** `GET|POST /v1/okta/events` behind API Gateway HTTP API: Okta's verification and event deliveries. */
export async function handler(event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyStructuredResultV2> {
  const coldStart = ready === undefined;
  const deps = await (ready ??= init());
  deps.logger.startInvocation(context, coldStart);
  const request = fromApiGatewayV2(event);
  const tooLarge = bodyTooLarge(request, EVENT_HOOK_BODY_LIMIT);
  if (tooLarge) {
    return toApiGatewayV2(tooLarge);
  }
  try {
    return toApiGatewayV2(await handleEventHook(deps, request));
  } catch (error) {
    deps.logger.error('event_hook.unhandled', { error: error instanceof Error ? error.message : String(error) });
    // 5xx makes Okta retry the delivery once (docs/reference/okta-event-hooks.md §4.3), which is what a store outage needs.
    return toApiGatewayV2(errorResponse(503, 'events could not be recorded; Okta will retry the delivery'));
  }
}
