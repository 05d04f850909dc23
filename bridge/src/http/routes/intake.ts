import { createHash } from 'node:crypto';
import { checkIntent } from '../../domain/intent';
import { IntakeService, ReplayedWebhookError } from '../../domain/intake-service';
import { ManagedGroupSet } from '../../domain/managed-groups';
import { Logger } from '../../ports/logger';
import { validateJmlRequest } from '../body-schema';
import { errorResponse, jsonResponse } from '../responses';
import { unsupportedContent } from '../content-headers';
import { SignatureError, verifyWebhook } from '../standard-webhooks';
import { BodyRejected, parseStrictJson } from '../strict-json';
import { HttpRequest, HttpResponse } from '../types';

export interface IntakeRouteDeps {
  readonly intake: IntakeService;
  readonly managedGroups: ManagedGroupSet;
  /** Active signing keys (several during a rotation). */
  readonly signingKeys: readonly Buffer[];
  readonly toleranceSeconds: number;
  readonly nowSeconds: () => number;
  readonly logger: Logger;
}

/**
 * `POST /v1/jml`: signature, then content headers (415), then strict JSON (UTF-8, one spelling of each key, bounded
 * depth; 400), then least-privilege intent, then schema, then durable acceptance.
 *
 * The signature is checked over the raw bytes before anything parses them. Bad input is always a 4xx with a message per
 * field; only a failure to persist or enqueue is a 503, which the sender retries with the same webhook-id.
 */
export async function handleIntake(deps: IntakeRouteDeps, request: HttpRequest): Promise<HttpResponse> {
  let webhookId: string;
  try {
    ({ webhookId } = verifyWebhook({
      keys: deps.signingKeys,
      headers: request.headers,
      rawBody: request.rawBody,
      nowSeconds: deps.nowSeconds(),
      toleranceSeconds: deps.toleranceSeconds,
    }));
  } catch (error) {
    if (error instanceof SignatureError) {
      deps.logger.warn('intake.signature_refused', { reason: error.message });
      return errorResponse(401, error.message);
    }
    throw error;
  }
  const log = deps.logger.child({ webhookId });
  const unsupported = unsupportedContent(request.headers);
  if (unsupported) {
    log.info('intake.content_refused', { reason: unsupported });
    return errorResponse(415, unsupported);
  }
  let body: unknown;
  try {
    body = parseStrictJson(request.rawBody);
  } catch (error) {
    if (error instanceof BodyRejected) {
      log.info('intake.body_refused', { reason: error.message });
      return errorResponse(400, error.message);
    }
    throw error;
  }
  const violations = checkIntent(body, deps.managedGroups);
  if (violations.length > 0) {
    log.warn('intake.intent_refused', { violations });
    return errorResponse(403, `request refused before any Okta call: ${violations.map((v) => `${v.field}: ${v.message}`).join('; ')}`, violations);
  }
  const validation = validateJmlRequest(body);
  if (!validation.ok) {
    log.info('intake.schema_refused', { problems: validation.problems });
    return errorResponse(
      400,
      `request body failed validation (${validation.problems.length} problem(s)): ${validation.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      validation.problems,
    );
  }
  const bodyHash = createHash('sha256').update(request.rawBody).digest('hex');
  try {
    const result = await deps.intake.accept({ webhookId, bodyHash, request: validation.request });
    return jsonResponse(202, result, { 'x-correlation-id': result.correlationId });
  } catch (error) {
    if (error instanceof ReplayedWebhookError) {
      log.warn('intake.replayed_webhook_id', {});
      return errorResponse(409, error.message);
    }
    log.error('intake.unavailable', { error: error instanceof Error ? error.message : String(error) });
    return errorResponse(503, 'the request could not be stored or queued; retry the delivery with the same webhook-id', undefined, { 'retry-after': '5' });
  }
}
