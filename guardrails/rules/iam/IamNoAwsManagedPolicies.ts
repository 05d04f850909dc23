import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { strings } from '../../values';

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;
/** AWS managed policies that grant administration of the account or of IAM: an error (LP-IAM4), not a warning. */
const ADMINISTRATOR = /^(?:job-function\/)?(?:AdministratorAccess(?:-[\w-]+)?|PowerUserAccess|IAMFullAccess)$/;

/** The AWS managed policy names (`AdministratorAccess`, `service-role/...`) attached by an element, or undefined. */
export function managedPolicies(subject: GuardrailSubject): string[] | undefined {
  if (subject.kind !== 'resource') return undefined;
  let arns: string[];
  if (
    ['aws_iam_role_policy_attachment', 'aws_iam_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment'].includes(subject.type)
  ) {
    arns = strings(subject.attributes.policy_arn);
  } else if (subject.type === 'aws_iam_role_policy_attachments_exclusive') arns = strings(subject.attributes.policy_arns);
  else if (subject.type === 'aws_iam_role') arns = strings(subject.attributes.managed_policy_arns);
  else return undefined;
  return arns.filter((arn) => AWS_MANAGED.test(arn)).map((arn) => arn.replace(AWS_MANAGED, ''));
}

/** Roles carry policies written for them: AWS managed policies grant wildcards the project cannot see or narrow. */
export function IamNoAwsManagedPolicies(subject: GuardrailSubject): RuleResult {
  const names = managedPolicies(subject);
  if (!names) return Compliance.NOT_APPLICABLE;
  return names.filter((name) => !ADMINISTRATOR.test(name)).map((name) => `Policy::${name}`);
}

/** No AWS managed administrator policy (AdministratorAccess, PowerUserAccess, IAMFullAccess) is attached at all. */
export function IamNoAdministratorPolicies(subject: GuardrailSubject): RuleResult {
  const names = managedPolicies(subject);
  if (!names) return Compliance.NOT_APPLICABLE;
  return names.filter((name) => ADMINISTRATOR.test(name)).map((name) => `Policy::${name}`);
}
