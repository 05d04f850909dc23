import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord, records } from '../../values';
import { isBucket, judgeBucketParts } from './bucket-parts';

/**
 * Objects are encrypted by default with a KMS key that is named (a customer-managed key: every read is a KMS call that
 * CloudTrail records, and the key policy decides who can decrypt), not with S3-managed keys.
 */
export function S3BucketKmsEncrypted(subject: GuardrailSubject): RuleResult {
  if (subject.kind === 'resource' && subject.type === 'aws_s3_bucket_server_side_encryption_configuration') return encryptionFindings(subject);
  if (!isBucket(subject)) return Compliance.NOT_APPLICABLE;
  return judgeBucketParts(subject, 'aws_s3_bucket_server_side_encryption_configuration', 'Encryption::none', encryptionFindings);
}

function encryptionFindings(part: GuardrailSubject): string[] {
  const rules = records(part.attributes.rule);
  if (rules.length === 0) return ['Encryption::none'];
  return rules.flatMap((rule) => {
    const byDefault = asRecord(rule.apply_server_side_encryption_by_default);
    const algorithm = String(byDefault?.sse_algorithm ?? 'unset');
    if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') return [`Algorithm::${algorithm}`];
    return typeof byDefault?.kms_master_key_id === 'string' && byDefault.kms_master_key_id !== '' ? [] : ['KmsKey::unset'];
  });
}
