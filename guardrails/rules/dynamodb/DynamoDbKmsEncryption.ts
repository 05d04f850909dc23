import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord, isTrue } from '../../values';

/** DynamoDB tables encrypt with a KMS key (AWS-managed or customer-managed), so access to the data is auditable in KMS. */
export function DynamoDbKmsEncryption(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_dynamodb_table') return Compliance.NOT_APPLICABLE;
  return isTrue(asRecord(subject.attributes.server_side_encryption)?.enabled) ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
}
