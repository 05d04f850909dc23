import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { isTrue } from '../../values';

/**
 * S3 state is encrypted and locked (a DynamoDB table or S3 native lock files): state holds every attribute of
 * every resource, and two concurrent applies corrupt it. The local backend is for the example only.
 */
export function StateBackendEncryptedLocked(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'backend' || subject.type !== 's3') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  if (!isTrue(subject.attributes.encrypt)) findings.push('Encrypt::off');
  if (!subject.attributes.dynamodb_table && !isTrue(subject.attributes.use_lockfile)) findings.push('Lock::none');
  return findings;
}
