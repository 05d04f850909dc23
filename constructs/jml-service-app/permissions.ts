/**
 * The least privilege the JML bridge needs, in one place: the service app's grants, its custom role and the
 * guardrails all read these lists, so widening one is a visible, reviewed change.
 */

/**
 * OAuth scopes for the Management API (scopes name the action, the custom role narrows the objects) and the scope to
 * invoke OAuth-secured Workflows flows: defined once in the bridge contract, which the worker requests them from.
 */
export { JML_MANAGEMENT_SCOPES, WORKFLOWS_INVOKE_SCOPE } from '../../bridge/contract/scopes';

/**
 * Custom admin role permissions: create users, run their lifecycle, edit their profile, manage memberships.
 * `okta.users.userprofile.manage` only works when the resource set holds `/groups/{id}/users`, not just the group.
 */
export const JML_ROLE_PERMISSIONS = [
  'okta.users.create',
  'okta.users.read',
  'okta.users.lifecycle.manage',
  'okta.users.userprofile.manage',
  'okta.users.groupMembership.manage',
  'okta.groups.read',
  'okta.groups.members.manage',
] as const;

/** Standard Okta admin roles; none of them may ever be given to the machine identity. */
export const STANDARD_ADMIN_ROLES = [
  'SUPER_ADMIN',
  'ORG_ADMIN',
  'APP_ADMIN',
  'USER_ADMIN',
  'HELP_DESK_ADMIN',
  'GROUP_MEMBERSHIP_ADMIN',
  'READ_ONLY_ADMIN',
  'MOBILE_ADMIN',
  'API_ACCESS_MANAGEMENT_ADMIN',
  'REPORT_ADMIN',
] as const;

/**
 * The resource set of the JML role: every managed group (to manage its members) and the users of the population
 * group only. Department and role groups fill by rule with anyone whose profile matches, so granting their `/users`
 * would let the bridge act on people it never onboarded; the population holds exactly the users it did.
 */
export function jmlResourceSetResources(orgUrl: string, populationGroupId: string, otherGroupIds: readonly string[]): string[] {
  return [
    `${orgUrl}/api/v1/groups/${populationGroupId}`,
    `${orgUrl}/api/v1/groups/${populationGroupId}/users`,
    ...otherGroupIds.map((groupId) => `${orgUrl}/api/v1/groups/${groupId}`),
  ];
}
