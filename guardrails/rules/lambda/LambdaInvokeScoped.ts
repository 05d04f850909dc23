import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';

/**
 * Who may invoke a function is named: a Lambda permission has a specific principal, and a service principal
 * (`apigateway.amazonaws.com`, ...) comes with the `source_arn` it may invoke from; function URLs require IAM auth.
 */
export function LambdaInvokeScoped(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource') return Compliance.NOT_APPLICABLE;
  const a = subject.attributes;
  if (subject.type === 'aws_lambda_function_url')
    return a.authorization_type === 'AWS_IAM' ? [] : [`AuthorizationType::${String(a.authorization_type ?? 'missing')}`];
  if (subject.type !== 'aws_lambda_permission') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  const principal = typeof a.principal === 'string' ? a.principal : '';
  if (principal === '' || principal.includes('*')) findings.push(`Principal::${principal || 'missing'}`);
  else if (principal.endsWith('.amazonaws.com') && !a.source_arn) findings.push('SourceArn::missing');
  if (a.function_url_auth_type === 'NONE') findings.push('FunctionUrlAuth::NONE');
  return findings;
}
