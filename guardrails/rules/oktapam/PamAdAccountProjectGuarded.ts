import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord, isReference, records, referencedAddress } from '../../values';
import { namedId, opaAdObject, ruleLabel } from './opa-ad-accounts';
import { PamPolicyMfa } from './PamPolicyMfa';
import { PamPolicyPrincipalsRequestable } from './PamPolicyPrincipalsRequestable';
import { PamPolicySessionRecording } from './PamPolicySessionRecording';

const findingsOf = (result: RuleResult) => (Array.isArray(result) ? result : result === Compliance.NON_COMPLIANT ? ['non-compliant'] : []);

/** Why the policies of resource group `resourceGroupRef` do not guard it: none, or rules without request, recording or MFA. */
function unguarded(subject: GuardrailSubject, resourceGroupRef: string): string[] {
  const policies = subject.stack.elements.filter(
    (e) => e.kind === 'resource' && e.type === 'oktapam_security_policy_v2' && e.attributes.resource_group === resourceGroupRef,
  );
  if (policies.length === 0) return ['Policy::none'];
  return policies.flatMap((policy) => {
    const name = `Policy::${String(policy.attributes.name ?? policy.address)}`;
    if (policy.attributes.active === false) return [`${name}/inactive`];
    return [
      ...findingsOf(PamPolicyPrincipalsRequestable(policy)).map((f) => `${name}/${f}/AccessRequest::none`),
      ...findingsOf(PamPolicySessionRecording(policy)).map((f) => `${name}/${f}/SessionRecording::off`),
      ...findingsOf(PamPolicyMfa(policy)).map((f) => `${name}/${f}/Mfa::none`),
    ];
  });
}

/**
 * AD accounts land only in projects of resource groups whose security policies (declared in the same stack) are
 * active and grant access only after an access request (or to requestable, time-bound groups), through the
 * recording gateway and with MFA. The rule order is judged too: it may only rank rules of this stack; and the
 * lookup of the AD connection the rules hang off must be a read (GET), never a call that changes something.
 */
export function PamAdAccountProjectGuarded(subject: GuardrailSubject): RuleResult {
  const object = opaAdObject(subject);
  if (object?.kind === 'connection-lookup') {
    return object.method === undefined || object.method === 'GET' ? Compliance.COMPLIANT : [`Lookup::method-${String(object.method)}`];
  }
  if (object?.kind === 'rule-order') {
    const entries = records(object.body);
    if (entries.length === 0) return ['Order::empty'];
    return entries
      .map((entry) => entry.rule_id)
      .filter((id) => {
        const address = typeof id === 'string' && isReference(id) ? referencedAddress(id) : undefined;
        const target = address ? subject.stack.lookup(address) : undefined;
        return !target || opaAdObject(target)?.kind !== 'account-rule';
      })
      .map((id) => `Order::${String(id)}`);
  }
  if (object?.kind !== 'account-rule') return Compliance.NOT_APPLICABLE;
  const label = ruleLabel(object.body);
  const resourceGroup = namedId(object.body, 'resource_group');
  if (!resourceGroup || !asRecord(object.body.project)) return [`${label}/Project::none`];
  return unguarded(subject, resourceGroup).map((finding) => `${label}/${finding}`);
}
