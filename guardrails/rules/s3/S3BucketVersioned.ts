import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord } from '../../values';
import { isBucket, judgeBucketParts } from './bucket-parts';

/** Versioning is on (object lock requires it): an overwrite adds a version, the first one stays. */
export function S3BucketVersioned(subject: GuardrailSubject): RuleResult {
  if (subject.kind === 'resource' && subject.type === 'aws_s3_bucket_versioning') return versioningFindings(subject);
  if (!isBucket(subject)) return Compliance.NOT_APPLICABLE;
  return judgeBucketParts(subject, 'aws_s3_bucket_versioning', 'Versioning::none', versioningFindings);
}

function versioningFindings(part: GuardrailSubject): string[] {
  const status = asRecord(part.attributes.versioning_configuration)?.status;
  return status === 'Enabled' ? [] : [`Versioning::${String(status ?? 'unset')}`];
}
