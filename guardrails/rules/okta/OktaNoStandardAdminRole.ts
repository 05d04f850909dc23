import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { strings } from '../../values';

/** Where each role-granting resource type names the role. */
const ROLE_ATTRIBUTE: Record<string, string> = {
  okta_app_oauth_role_assignment: 'type',
  okta_group_role: 'role_type',
  okta_user_admin_roles: 'admin_roles',
};

/**
 * Apps, groups and users hold custom roles only: any standard admin role (SUPER_ADMIN, ORG_ADMIN, ...) is
 * org-wide and cannot be narrowed to a resource set.
 */
export function OktaNoStandardAdminRole(subject: GuardrailSubject): RuleResult {
  const attribute = ROLE_ATTRIBUTE[subject.type];
  if (subject.kind !== 'resource' || !attribute) return Compliance.NOT_APPLICABLE;
  // Anything but CUSTOM is a standard role (constructs/jml-service-app/permissions.ts lists the known ones).
  return strings(subject.attributes[attribute])
    .filter((role) => role !== 'CUSTOM')
    .map((role) => `Role::${role}`);
}
