import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord, isTrue } from '../../values';
import { isBucket, judgeBucketParts } from './bucket-parts';

const BLOCKS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/**
 * The bucket can never be made public: all four public-access blocks on, and ACLs disabled (object ownership
 * `BucketOwnerEnforced`), so access is decided by IAM and the bucket policy alone.
 */
export function S3BucketNotPublic(subject: GuardrailSubject): RuleResult {
  if (subject.kind === 'resource' && subject.type === 'aws_s3_bucket_public_access_block') return blockFindings(subject);
  if (subject.kind === 'resource' && subject.type === 'aws_s3_bucket_ownership_controls') return ownershipFindings(subject);
  if (!isBucket(subject)) return Compliance.NOT_APPLICABLE;
  return [
    ...judgeBucketParts(subject, 'aws_s3_bucket_public_access_block', 'PublicAccessBlock::none', blockFindings),
    ...judgeBucketParts(subject, 'aws_s3_bucket_ownership_controls', 'ObjectOwnership::unset', ownershipFindings),
  ];
}

function blockFindings(part: GuardrailSubject): string[] {
  return BLOCKS.filter((block) => !isTrue(part.attributes[block])).map((block) => `PublicAccessBlock::${block}`);
}

function ownershipFindings(part: GuardrailSubject): string[] {
  const ownership = asRecord(part.attributes.rule)?.object_ownership;
  return ownership === 'BucketOwnerEnforced' ? [] : [`ObjectOwnership::${String(ownership ?? 'unset')}`];
}
