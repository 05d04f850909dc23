import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord, referencedAddress } from '../../values';

/**
 * Every function logs to a log group the stack declares (so LP-LOG1 judges its retention): through
 * `logging_config.log_group` referencing it, or the default name `/aws/lambda/<function_name>`. Without one, Lambda
 * creates the group on first invocation, with no expiry.
 */
export function LambdaLogGroupDeclared(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_lambda_function') return Compliance.NOT_APPLICABLE;
  const groups = subject.stack.elements.filter((e) => e.kind === 'resource' && e.type === 'aws_cloudwatch_log_group');
  const configured = asRecord(subject.attributes.logging_config)?.log_group;
  if (typeof configured === 'string') {
    const address = referencedAddress(configured);
    const declared = address ? groups.some((g) => g.address === address) : groups.some((g) => g.attributes.name === configured);
    return declared ? Compliance.COMPLIANT : [`LogGroup::${configured}`];
  }
  const name = subject.attributes.function_name;
  const expected = `/aws/lambda/${String(name)}`;
  const declared = groups.some(
    (g) =>
      g.attributes.name === expected ||
      (typeof g.attributes.name === 'string' && typeof name === 'string' && name.startsWith('${') && g.attributes.name.includes(name)),
  );
  return declared ? Compliance.COMPLIANT : [`LogGroup::${expected}`];
}
