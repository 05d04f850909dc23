/**
 * A ServiceNow REST error: `{"error":{"message":"...","detail":"..."},"status":"failure"}` (docs/reference/servicenow-api.md §5.5).
 * The messages below follow what instances answer in the common cases; the exact wording varies by release.
 */
export class ServiceNowError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessage: string,
    readonly detail: string | null,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${errorMessage}: ${detail ?? ''}`);
    this.name = 'ServiceNowError';
  }

  toBody(): Record<string, unknown> {
    return { error: { message: this.errorMessage, detail: this.detail }, status: 'failure' };
  }
}

export function notAuthenticated(): ServiceNowError {
  return new ServiceNowError(401, 'User Not Authenticated', 'Required to provide Auth information', {
    'WWW-Authenticate': 'Basic realm="Service-now"',
  });
}

export function aclDenied(operation: 'read' | 'update' | 'create'): ServiceNowError {
  const verb = { read: 'Read', update: 'Update', create: 'Create' }[operation];
  return new ServiceNowError(403, 'Operation Failed', `ACL Exception ${verb} Failed due to security constraints`);
}

export function recordNotFound(): ServiceNowError {
  return new ServiceNowError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
}

export function invalidTable(table: string): ServiceNowError {
  return new ServiceNowError(400, `Invalid table ${table}`, null);
}

export function badRequest(detail: string): ServiceNowError {
  return new ServiceNowError(400, 'Exception while reading request', detail);
}
