import { HttpResponse } from './types';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A problem detail for one field, e.g. `{ field: 'user.email', message: 'must match format "email"' }`. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** JSON response with the standard headers. */
export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The one error shape of the bridge: `{statusCode, error, message}` plus `details` per field when there are several.
 * Never a stack trace; messages say what was wrong and how to fix it.
 */
export function errorResponse(statusCode: number, message: string, details?: readonly FieldProblem[], headers: Record<string, string> = {}): HttpResponse {
  return jsonResponse(
    statusCode,
    { statusCode, error: REASONS[statusCode] ?? 'Error', message, ...(details && details.length > 0 ? { details } : {}) },
    headers,
  );
}
