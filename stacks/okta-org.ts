import type { OktaOrgConfig } from '../config/schema/platform';

/** `https://<org>.<baseUrl>`: the org URL, also the issuer of the org authorization server. */
export function oktaOrgUrl(okta: OktaOrgConfig): string {
  return `https://${okta.orgName}.${okta.baseUrl}`;
}

/** Provider arguments of every stack that talks to the org's Management API: the org, never credentials. */
export function oktaProviderConfig(okta: OktaOrgConfig): { orgName: string; baseUrl: string } {
  return { orgName: okta.orgName, baseUrl: okta.baseUrl };
}
