import type { HttpResult } from '../http-kit/http';
import type { RouteSpec } from '../http-kit/router';
import type { OpaRole } from './model';
import type { TokenGrant } from './service-tokens';
import type { OpaState } from './state';

/** What a handler gets: path params (team already checked), the parsed JSON body, the query, the caller. */
export interface OpaRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly query: URLSearchParams;
  readonly caller: TokenGrant;
  readonly state: OpaState;
}

/**
 * One API operation under `/v1/teams/:team`. `roles`: any one of them lets the caller in (the SDK comments name
 * the role each operation requires; where they do not, it is inferred from the path family).
 */
export interface OpaRoute extends RouteSpec {
  readonly roles: readonly OpaRole[];
  handle(request: OpaRequest): HttpResult;
}

/** `{ "list": [...] }`, the collection envelope of every OPA list response. */
export const listOf = (items: readonly unknown[]): HttpResult => ({ status: 200, body: { list: items } });
export const ok = (body: unknown): HttpResult => ({ status: 200, body });
export const noContent = (): HttpResult => ({ status: 204 });

/** Resource admins manage resource groups, projects and AD account rules; PAM admins can do everything. */
export const RESOURCE_ADMIN: readonly OpaRole[] = ['resource_admin', 'pam_admin'];
export const SECURITY_ADMIN: readonly OpaRole[] = ['security_admin', 'pam_admin'];
