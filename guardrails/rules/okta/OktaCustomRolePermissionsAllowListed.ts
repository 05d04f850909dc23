import { JML_ROLE_PERMISSIONS } from '../../../constructs/jml-service-app/permissions';
import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asList } from '../../values';

/** A custom admin role holds only the lifecycle permissions of the JML allow-list. */
export function OktaCustomRolePermissionsAllowListed(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'okta_admin_role_custom') return Compliance.NOT_APPLICABLE;
  const allowed = new Set<string>(JML_ROLE_PERMISSIONS);
  const permissions = asList(subject.attributes.permissions);
  if (permissions.length === 0) return ['Permission::none'];
  return permissions.filter((p) => typeof p !== 'string' || !allowed.has(p)).map((p) => `Permission::${String(p)}`);
}
