import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord, isReference, referencedAddress, strings } from '../../values';
import { serverAccessRules } from './server-access-rules';

/** The group name behind a principal: the `name` of the group resource or data source it references, if declared here. */
function principalName(subject: GuardrailSubject, principal: string): string | undefined {
  const address = isReference(principal) ? referencedAddress(principal) : undefined;
  const target = address ? subject.stack.lookup(address) : undefined;
  return typeof target?.attributes.name === 'string' ? target.attributes.name : undefined;
}

/**
 * Server access goes only to requestable, time-bound groups (the server-access groups the governance stack puts
 * behind access-request conditions), unless the rule itself requires an access request.
 */
export function PamPolicyPrincipalsRequestable(subject: GuardrailSubject): RuleResult {
  const rules = serverAccessRules(subject);
  if (!rules) return Compliance.NOT_APPLICABLE;
  const principals = strings(asRecord(subject.attributes.principals)?.user_groups);
  const findings: string[] = [];
  for (const rule of rules) {
    if (rule.accessRequest) continue;
    if (principals.length === 0) findings.push(`Rule::${rule.name}/Principal::none`);
    for (const principal of principals) {
      const name = principalName(subject, principal);
      if (!name || !subject.stack.requestableGroupNames.has(name)) findings.push(`Rule::${rule.name}/Principal::${name ?? principal}`);
    }
  }
  return findings;
}
