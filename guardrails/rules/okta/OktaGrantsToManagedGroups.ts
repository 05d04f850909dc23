import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { records, referencedAddress, strings } from '../../values';

/** Where each membership- or app-granting type names the group(s) it grants to. */
function grantedGroups(subject: GuardrailSubject): string[] | undefined {
  const a = subject.attributes;
  switch (subject.type) {
    case 'okta_app_group_assignment':
    case 'okta_group_memberships':
      return strings(a.group_id);
    case 'okta_app_group_assignments':
      return records(a.group).flatMap((g) => strings(g.id));
    case 'okta_group_rule':
      return strings(a.group_assignments);
    default:
      return undefined;
  }
}

/**
 * App assignments, group rules and memberships grant only to groups this stack manages (an `okta_group` resource it
 * declares): never to a literal id or a looked-up group such as Everyone, whose members the project does not decide.
 */
export function OktaGrantsToManagedGroups(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource') return Compliance.NOT_APPLICABLE;
  const groups = grantedGroups(subject);
  if (!groups) return Compliance.NOT_APPLICABLE;
  if (groups.length === 0) return ['Group::none'];
  return groups
    .filter((group) => {
      const address = referencedAddress(group);
      return !address?.startsWith('okta_group.') || subject.stack.lookup(address) === undefined;
    })
    .map((group) => `Group::${group}`);
}
