import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { isReference, records, strings } from '../../values';

/** Attributes that hold a trust or resource policy (JSON), per type; any `aws_*_policy` with `policy` counts too. */
const POLICY_ATTRIBUTE: Record<string, string> = {
  aws_iam_role: 'assume_role_policy',
  aws_kms_key: 'policy',
  aws_secretsmanager_secret: 'policy',
};

/** True for a principal that is everyone: `"*"`, or `{ AWS: "*" }` (also inside a list). */
function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  return Object.values(principal as Record<string, unknown>).some((value) => strings(value).includes('*'));
}

/** Findings for the Allow statements of a JSON policy that grant to everyone without a condition. */
function jsonFindings(document: unknown): string[] {
  if (typeof document !== 'string' || isReference(document)) return [];
  let parsed: { Statement?: unknown };
  try {
    parsed = JSON.parse(document) as { Statement?: unknown };
  } catch {
    if (document.includes('${'))
      throw new Error('the policy is computed in Terraform, so its principals cannot be read; declare it with DataAwsIamPolicyDocument');
    throw new Error('the policy is not JSON; declare it with DataAwsIamPolicyDocument');
  }
  return records(parsed.Statement)
    .filter((s) => s.Effect !== 'Deny' && s.Condition === undefined && (isEveryone(s.Principal) || s.NotPrincipal !== undefined))
    .map((s) => (s.NotPrincipal !== undefined ? 'NotPrincipal::set' : 'Principal::*'));
}

/**
 * No trust or resource policy grants to everyone: an Allow statement with principal `*` (or NotPrincipal) and no
 * condition lets any AWS account assume the role or use the resource.
 */
export function IamNoPublicPrincipal(subject: GuardrailSubject): RuleResult {
  if (subject.kind === 'data' && subject.type === 'aws_iam_policy_document') {
    const findings = records(subject.attributes.statement)
      .filter((s) => s.effect !== 'Deny' && records(s.condition).length === 0)
      .flatMap((s) => [
        ...records(s.principals)
          .filter((p) => strings(p.identifiers).includes('*'))
          .map(() => 'Principal::*'),
        ...(records(s.not_principals).length > 0 ? ['NotPrincipal::set'] : []),
      ]);
    return [...new Set(findings)];
  }
  if (subject.kind !== 'resource') return Compliance.NOT_APPLICABLE;
  const attribute = POLICY_ATTRIBUTE[subject.type] ?? (/^aws_\w+_policy$/.test(subject.type) && subject.attributes.policy !== undefined ? 'policy' : undefined);
  if (!attribute) return Compliance.NOT_APPLICABLE;
  return [...new Set(jsonFindings(subject.attributes[attribute]))];
}
