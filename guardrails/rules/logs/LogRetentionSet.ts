import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asNumber } from '../../values';

/** Log groups expire their logs (`retention_in_days` > 0): never-expiring logs keep personal data forever. */
export function LogRetentionSet(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_cloudwatch_log_group') return Compliance.NOT_APPLICABLE;
  const days = asNumber(subject.attributes.retention_in_days);
  return days !== undefined && days > 0 ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
}
