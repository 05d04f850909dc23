import { JML_MANAGEMENT_SCOPES, WORKFLOWS_INVOKE_SCOPE } from '../../../constructs/jml-service-app/permissions';
import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asList } from '../../values';

/** The purposes a machine identity may be granted scopes for, each with its allow-list (from permissions.ts). */
export const SCOPE_ALLOW_LISTS: Readonly<Record<string, readonly string[]>> = {
  'JML lifecycle through the Management API': JML_MANAGEMENT_SCOPES,
  'invoking Okta Workflows API-endpoint flows': [WORKFLOWS_INVOKE_SCOPE],
};

/** Every OAuth scope granted to an app is on the allow-list of one of the project's purposes. */
export function OktaScopesAllowListed(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource') return Compliance.NOT_APPLICABLE;
  let granted: unknown[];
  if (subject.type === 'okta_app_oauth_api_scope') granted = asList(subject.attributes.scopes);
  else if (subject.type === 'okta_api_service_integration') {
    granted = asList(subject.attributes.granted_scopes).map((g) => (typeof g === 'object' && g !== null ? (g as { scope?: unknown }).scope : g));
  } else return Compliance.NOT_APPLICABLE;
  const allowed = new Set(Object.values(SCOPE_ALLOW_LISTS).flat());
  return granted.filter((scope) => typeof scope !== 'string' || !allowed.has(scope)).map((scope) => `Scope::${String(scope)}`);
}
