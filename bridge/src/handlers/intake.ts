import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { systemClock } from '../adapters/clock/system-clock';
import { JsonLogger } from '../adapters/logging/json-logger';
import { awsSecretReader } from '../adapters/secrets/secrets-manager';
import { buildSqsQueue } from '../composition/queue';
import { loadManagedGroups } from '../composition/managed-groups';
import { buildStore } from '../composition/store';
import { loadConfig } from '../config/load';
import { HANDLERS } from '../../contract/manifest';
import { IntakeService } from '../domain/intake-service';
import { bodyTooLarge, fromApiGatewayV2, toApiGatewayV2 } from '../http/api-gateway';
import { errorResponse } from '../http/responses';
import { handleIntake, IntakeRouteDeps } from '../http/routes/intake';

/** Configuration and clients, built once per cold start and reused by every invocation. */
async function init(): Promise<{ deps: IntakeRouteDeps; bodyLimitBytes: number; logger: JsonLogger }> {
  const config = await loadConfig(HANDLERS.intake.sections, process.env, awsSecretReader(process.env.AWS_REGION));
  const logger = new JsonLogger(config.logLevel, { service: 'jml-bridge', function: 'intake' });
  const store = buildStore(config.store);
  const queue = buildSqsQueue(config.queue);
  return {
    logger,
    bodyLimitBytes: config.intake.bodyLimitBytes,
    deps: {
      intake: new IntakeService(store, queue, systemClock, logger),
      managedGroups: await loadManagedGroups(config.managedGroups, config.store),
      signingKeys: config.intake.signingKeys,
      toleranceSeconds: config.intake.toleranceSeconds,
      nowSeconds: () => Math.floor(Date.now() / 1000),
      logger,
    },
  };
}

let ready: ReturnType<typeof init> | undefined;

/** `POST /v1/jml` behind API Gateway HTTP API (payload format 2.0). */
export async function handler(event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyStructuredResultV2> {
  const coldStart = ready === undefined;
  const { deps, bodyLimitBytes, logger } = await (ready ??= init());
  logger.startInvocation(context, coldStart);
  const request = fromApiGatewayV2(event);
  const tooLarge = bodyTooLarge(request, bodyLimitBytes);
  if (tooLarge) {
    return toApiGatewayV2(tooLarge);
  }
  try {
    return toApiGatewayV2(await handleIntake(deps, request));
  } catch (error) {
    deps.logger.error('intake.unhandled', { error: error instanceof Error ? error.message : String(error) });
    return toApiGatewayV2(errorResponse(500, 'internal error; the request was not processed, retry it'));
  }
}
