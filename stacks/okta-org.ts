import type { OktaOrgConfig } from '../config/schema/platform';

/** `https://<org>.<baseUrl>`: the org URL, also the issuer of the org authorization server. */
export function oktaOrgUrl(okta: OktaOrgConfig): string {
  return `https://${okta.orgName}.${okta.baseUrl}`;
}
