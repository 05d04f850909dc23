import { errorId } from './ids';

/**
 * An error the simulated Okta API answers with, in Okta's error body shape
 * (`errorCode`, `errorSummary`, `errorLink`, `errorId`, `errorCauses[]`), per docs/reference/okta-management-api.md §2.3.
 */
export class OktaApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorSummary: string,
    readonly causes: readonly string[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${errorCode}: ${errorSummary}`);
    this.name = 'OktaApiError';
  }

  /** The JSON body Okta sends; `errorLink` repeats the code as real responses do. */
  toBody(): Record<string, unknown> {
    return {
      errorCode: this.errorCode,
      errorSummary: this.errorSummary,
      errorLink: this.errorCode,
      errorId: errorId(),
      errorCauses: this.causes.map((errorSummary) => ({ errorSummary })),
    };
  }
}

/** 400 E0000001 "Api validation failed: <field>" with one cause per problem (duplicate login, bad email, ...). */
export function validationFailed(field: string, causes: readonly string[]): OktaApiError {
  return new OktaApiError(400, 'E0000001', `Api validation failed: ${field}`, causes);
}

/** 400 E0000003 for a body that is not well-formed JSON. */
export function malformedBody(detail: string): OktaApiError {
  return new OktaApiError(400, 'E0000003', 'The request body was not well-formed.', [detail]);
}

/** 403 E0000006, for a token that lacks the scope the endpoint needs (plus a `WWW-Authenticate` header). */
export function forbidden(headers: Record<string, string> = {}): OktaApiError {
  return new OktaApiError(403, 'E0000006', 'You do not have permission to perform the requested action', [], headers);
}

/** 404 E0000007 "Not found: Resource not found: <id> (<Type>)". */
export function notFound(id: string, type: string): OktaApiError {
  return new OktaApiError(404, 'E0000007', `Not found: Resource not found: ${id} (${type})`);
}

/** 405 E0000022 for a known path with an unsupported method. */
export function methodNotAllowed(allowed: readonly string[]): OktaApiError {
  return new OktaApiError(405, 'E0000022', 'The endpoint does not support the provided HTTP method', [], {
    Allow: allowed.join(', '),
  });
}

/** 401 E0000011 for a missing, unknown or expired access token. */
export function invalidToken(): OktaApiError {
  return new OktaApiError(401, 'E0000011', 'Invalid token provided');
}

/** 403 E0000016: activation of a user who is already active. */
export function alreadyActive(): OktaApiError {
  return new OktaApiError(403, 'E0000016', 'Activation failed because the user is already active');
}

/** 403 E0000038: lifecycle operation not allowed in the user's current status. */
export function wrongStatus(): OktaApiError {
  return new OktaApiError(403, 'E0000038', "This operation is not allowed in the user's current status.");
}

/** 429 E0000047 with the bucket's rate-limit headers. */
export function rateLimited(headers: Record<string, string>): OktaApiError {
  return new OktaApiError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], headers);
}

/** 400 E0000031 for a `filter`/`search` expression the simulator (or Okta) cannot evaluate. */
export function invalidSearch(detail: string): OktaApiError {
  return new OktaApiError(400, 'E0000031', 'Invalid search criteria.', [detail]);
}

/** 500 E0000009, used by injected 500 faults. */
export function internalError(): OktaApiError {
  return new OktaApiError(500, 'E0000009', 'Internal Server Error');
}
