import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errorResponse } from './responses';
import { HttpRequest, HttpResponse } from './types';

/**
 * Converts an API Gateway HTTP API (payload v2) event into the bridge's request, keeping the body's exact bytes
 * (base64-decoded when API Gateway encoded them) for signature verification.
 *
 * Not confirmed against AWS: whether API Gateway hands a text body with bytes that are not UTF-8 to the function
 * base64-encoded or already decoded (with U+FFFD). Either way such a body is refused with a 4xx: base64-encoded it
 * reaches the strict UTF-8 check (400); decoded, its bytes differ from what the sender signed (401).
 */
export function fromApiGatewayV2(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) {
      headers[name.toLowerCase()] = value;
    }
  }
  const body = event.body ?? '';
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    headers,
    rawBody: event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8'),
  };
}

export function toApiGatewayV2(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  return { statusCode: response.statusCode, headers: response.headers, body: response.body };
}

/** The body limit for Lambda (API Gateway itself allows 10 MB): answered before any parsing. */
export function bodyTooLarge(request: HttpRequest, limit: number): HttpResponse | undefined {
  return request.rawBody.length > limit ? errorResponse(413, `body exceeds ${limit} bytes; a JML request is a few KB`) : undefined;
}
