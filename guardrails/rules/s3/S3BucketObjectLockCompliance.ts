import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asNumber, asRecord, isTrue } from '../../values';
import { isBucket, judgeBucketParts } from './bucket-parts';

/**
 * Evidence buckets keep every version for a fixed time that nobody can shorten: object lock enabled at creation and a
 * default retention in COMPLIANCE mode (GOVERNANCE can be bypassed with a permission; compliance cannot, not even by
 * the account root).
 */
export function S3BucketObjectLockCompliance(subject: GuardrailSubject): RuleResult {
  if (subject.kind === 'resource' && subject.type === 'aws_s3_bucket_object_lock_configuration') return retentionFindings(subject);
  if (!isBucket(subject)) return Compliance.NOT_APPLICABLE;
  const findings = isTrue(subject.attributes.object_lock_enabled) ? [] : ['ObjectLock::disabled'];
  return [...findings, ...judgeBucketParts(subject, 'aws_s3_bucket_object_lock_configuration', 'ObjectLock::no-default-retention', retentionFindings)];
}

function retentionFindings(part: GuardrailSubject): string[] {
  const retention = asRecord(asRecord(part.attributes.rule)?.default_retention);
  if (!retention) return ['ObjectLock::no-default-retention'];
  const findings: string[] = [];
  if (retention.mode !== 'COMPLIANCE') findings.push(`Mode::${String(retention.mode ?? 'unset')}`);
  const days = asNumber(retention.days) ?? 0;
  const years = asNumber(retention.years) ?? 0;
  if (days < 1 && years < 1) findings.push('Retention::none');
  return findings;
}
