import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';

/** Per role-assignment type: the attribute naming the custom role, its resource set, and the role-type attribute. */
const BINDING: Record<string, { type: string; role: string; resourceSet: string }> = {
  okta_app_oauth_role_assignment: { type: 'type', role: 'role', resourceSet: 'resource_set' },
  okta_group_role: { type: 'role_type', role: 'role_id', resourceSet: 'resource_set_id' },
};

/** A custom role assignment names both the role and a resource set; without one the role applies to the whole org. */
export function OktaCustomRoleBoundToResourceSet(subject: GuardrailSubject): RuleResult {
  const binding = BINDING[subject.type];
  if (subject.kind !== 'resource' || !binding || subject.attributes[binding.type] !== 'CUSTOM') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  if (!subject.attributes[binding.role]) findings.push('Role::missing');
  if (!subject.attributes[binding.resourceSet]) findings.push('ResourceSet::missing');
  return findings;
}
