import type { HttpResult } from '../http-kit/http';

/**
 * An OPA API error. The OPA Go SDK (pam-sdk-go, vendored in okta/terraform-provider-oktapam v0.7.1) decodes 401 and
 * 404 bodies into `UnauthorizedAccessResponse` / `NotFoundResponse`, both `{ <type>, code, message }`. The SDK's JSON
 * tag for the first field reads `nottype`, which looks like the generator's rename of a `type` property; the
 * simulator sends `type` (assumed) next to `code` (the HTTP status, as an int) and `message`.
 */
export class OpaError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  toResult(): HttpResult {
    return { status: this.status, body: { type: this.type, code: this.status, message: this.message }, headers: this.headers };
  }
}

export const badRequest = (message: string) => new OpaError(400, 'bad_request', message);
export const unauthorized = (message: string) => new OpaError(401, 'authentication_error', message);
export const forbidden = (message: string) => new OpaError(403, 'authorization_error', message);
export const notFound = (what: string) => new OpaError(404, 'resource.not_found', `${what} was not found`);
export const conflict = (message: string) => new OpaError(409, 'resource.conflict', message);
