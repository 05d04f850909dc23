/**
 * The Okta OAuth 2.0 scopes of the JML service app, granted by the identity stack (`constructs/jml-service-app`) and
 * requested by the bridge's worker (`OKTA_SCOPES`). One list, so the bridge never asks for a scope the app was not
 * granted (Okta answers such a token request with `invalid_scope`). See docs/reference/okta-oauth.md §3.1.
 */
export const JML_MANAGEMENT_SCOPES = ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage'] as const;

/** Lets the service app invoke Okta Workflows API-endpoint flows secured with "OAuth 2.0" (not a client token). */
export const WORKFLOWS_INVOKE_SCOPE = 'okta.workflows.invoke.manage';

/** The scopes the worker requests: the management scopes, plus the Workflows invoke scope when flows use OAuth. */
export function jmlScopes(options: { readonly invokeWorkflows: boolean }): string[] {
  return [...JML_MANAGEMENT_SCOPES, ...(options.invokeWorkflows ? [WORKFLOWS_INVOKE_SCOPE] : [])];
}
