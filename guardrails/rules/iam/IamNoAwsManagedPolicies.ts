import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { strings } from '../../values';

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;

/** Roles carry policies written for them: AWS managed policies grant wildcards the project cannot see or narrow. */
export function IamNoAwsManagedPolicies(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource') return Compliance.NOT_APPLICABLE;
  let arns: string[];
  if (subject.type === 'aws_iam_role_policy_attachment' || subject.type === 'aws_iam_policy_attachment') arns = strings(subject.attributes.policy_arn);
  else if (subject.type === 'aws_iam_role') arns = strings(subject.attributes.managed_policy_arns);
  else return Compliance.NOT_APPLICABLE;
  return arns.filter((arn) => AWS_MANAGED.test(arn)).map((arn) => `Policy::${arn.replace(AWS_MANAGED, '')}`);
}
