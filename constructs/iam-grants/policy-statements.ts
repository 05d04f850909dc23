import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { GrantStatement } from './grantable';

/** Grant statements as the statements of an `aws_iam_policy_document`, in order: every role's inline policy. */
export function policyDocumentStatements(statements: readonly GrantStatement[]): DataAwsIamPolicyDocumentStatement[] {
  return statements.map((s) => ({
    sid: s.sid,
    effect: 'Allow',
    actions: [...s.actions],
    resources: [...s.resources],
    ...(s.conditions ? { condition: s.conditions.map((c) => ({ test: c.test, variable: c.variable, values: [...c.values] })) } : {}),
  }));
}
