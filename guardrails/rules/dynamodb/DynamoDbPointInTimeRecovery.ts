import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord, isTrue } from '../../values';

/** DynamoDB tables keep point-in-time recovery on, so a bad deploy or bug can be rolled back to the second. */
export function DynamoDbPointInTimeRecovery(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_dynamodb_table') return Compliance.NOT_APPLICABLE;
  return isTrue(asRecord(subject.attributes.point_in_time_recovery)?.enabled) ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
}
