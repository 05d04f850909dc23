import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asList, strings } from '../../values';

/**
 * OAuth apps authenticate with `private_key_jwt` only: no client secret (for any app type: a `web` app with a
 * client secret holds a shared secret in state), and for service apps (machine identities) the client-credentials
 * grant only, with public keys to verify their assertions.
 */
export function OktaServiceAppPrivateKeyJwt(subject: GuardrailSubject): RuleResult {
  const a = subject.attributes;
  if (subject.kind !== 'resource' || subject.type !== 'okta_app_oauth') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  if (a.type !== 'service') findings.push(`AppType::${String(a.type ?? 'missing')}`);
  if (a.token_endpoint_auth_method !== 'private_key_jwt') findings.push(`AuthMethod::${String(a.token_endpoint_auth_method ?? 'client_secret_basic')}`);
  if (a.client_basic_secret !== undefined || a.client_basic_secret_wo !== undefined) findings.push('ClientSecret::set');
  for (const grant of strings(a.grant_types)) if (grant !== 'client_credentials') findings.push(`GrantType::${grant}`);
  if (asList(a.jwks).length === 0 && !a.jwks_uri) findings.push('Jwks::missing');
  return findings;
}
