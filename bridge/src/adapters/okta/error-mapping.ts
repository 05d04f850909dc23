import { DirectoryError } from '../../ports/okta-directory';

interface OktaErrorLike {
  status?: number;
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: Array<{ errorSummary?: string }>;
  headers?: { get(name: string): string | null };
  message?: string;
}

/**
 * Translates what the Okta SDK throws (OktaApiError / HttpError / network errors) into a {@link DirectoryError}.
 *
 * Codes follow docs/reference/okta-management-api.md §2.3: E0000001 with "already exists" is a duplicate login, E0000016 "already active",
 * E0000038 "not allowed in the user's current status"; 429 and 5xx are transient (the executor already retried).
 */
export function toDirectoryError(error: unknown, operation: string): DirectoryError {
  if (error instanceof DirectoryError) {
    return error;
  }
  const e = (error ?? {}) as OktaErrorLike;
  if (typeof e.status !== 'number') {
    return new DirectoryError('transient', `${operation} failed before Okta answered: ${e.message ?? String(error)}`);
  }
  const requestId = e.headers?.get?.('x-okta-request-id') ?? undefined;
  const causes = (e.errorCauses ?? []).map((c) => c.errorSummary ?? '').join('; ');
  const text = `${operation}: Okta answered ${e.status}${e.errorCode ? ` ${e.errorCode}` : ''} (${e.errorSummary || e.message || 'no summary'}${causes ? `: ${causes}` : ''})`;
  const make = (kind: DirectoryError['kind']) => new DirectoryError(kind, text, e.status, e.errorCode, requestId);
  if (e.status === 404) {
    return make('not-found');
  }
  if (e.status === 429 || e.status >= 500) {
    return make('transient');
  }
  if (e.errorCode === 'E0000016') {
    return make('already-active');
  }
  if (e.errorCode === 'E0000038') {
    return make('wrong-status');
  }
  if (e.status === 400 && e.errorCode === 'E0000001' && /already exists/i.test(causes)) {
    return make('duplicate-login');
  }
  return make('permanent');
}
