import { EncryptionKey } from '../../constructs/encryption-key';
import { LockedBucket } from '../../constructs/locked-bucket';
import { fixtureStack, rawData, rawResource, TestType, validate } from './helpers';

const BUCKET_RULES = ['LP-BKT1', 'LP-BKT2', 'LP-BKT3', 'LP-BKT4', 'LP-BKT5'];

function lockedBucketStack() {
  const stack = fixtureStack();
  const key = new EncryptionKey(stack, 'Key', { alias: 'evidence', description: 'evidence', region: 'eu-west-1' });
  new LockedBucket(stack, 'Evidence', { bucketName: 'evidence-example', encryptionKey: key, retentionDays: 400 });
  return stack;
}

/** A bare bucket and, optionally, parts that each get one setting wrong. */
function weakBucketStack(withParts: boolean) {
  const stack = fixtureStack();
  rawResource(stack, 'Weak', 'aws_s3_bucket', { bucket: 'weak-example' });
  if (withParts) {
    const bucket = '${aws_s3_bucket.Weak.id}';
    rawResource(stack, 'Lock', 'aws_s3_bucket_object_lock_configuration', { bucket, rule: { default_retention: { mode: 'GOVERNANCE', days: 30 } } });
    rawResource(stack, 'Sse', 'aws_s3_bucket_server_side_encryption_configuration', {
      bucket,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    rawResource(stack, 'Versions', 'aws_s3_bucket_versioning', { bucket, versioning_configuration: { status: 'Suspended' } });
    rawResource(stack, 'Block', 'aws_s3_bucket_public_access_block', {
      bucket,
      block_public_acls: true,
      block_public_policy: false,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    rawResource(stack, 'Owner', 'aws_s3_bucket_ownership_controls', { bucket, rule: { object_ownership: 'ObjectWriter' } });
    rawData(stack, 'Doc', 'aws_iam_policy_document', {
      statement: [{ effect: 'Allow', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::weak-example/*'] }],
    });
    rawResource(stack, 'Policy', 'aws_s3_bucket_policy', { bucket, policy: '${data.aws_iam_policy_document.Doc.json}' });
  }
  return stack;
}

describe('LP-BKT1..5: evidence buckets (object lock, KMS, versioning, not public, TLS only)', () => {
  test.each(BUCKET_RULES)('%s: a LockedBucket complies', (rule) => {
    validate(lockedBucketStack(), rule, TestType.COMPLIANCE);
  });

  test.each([
    ['LP-BKT1', ['ObjectLock::disabled', 'ObjectLock::no-default-retention']],
    ['LP-BKT2', ['Encryption::none']],
    ['LP-BKT3', ['Versioning::none']],
    ['LP-BKT4', ['PublicAccessBlock::none', 'ObjectOwnership::unset']],
    ['LP-BKT5', ['Policy::none']],
  ])('%s: a bare bucket is refused, naming what is missing', (rule, findings) => {
    const messages = validate(weakBucketStack(false), rule, TestType.NON_COMPLIANCE)
      .map((a) => a.message)
      .join('\n');
    for (const finding of findings) expect(messages).toContain(finding);
  });

  test.each([
    ['LP-BKT1', ['Mode::GOVERNANCE']],
    ['LP-BKT2', ['Algorithm::AES256']],
    ['LP-BKT3', ['Versioning::Suspended']],
    ['LP-BKT4', ['PublicAccessBlock::block_public_policy', 'ObjectOwnership::ObjectWriter']],
    ['LP-BKT5', ['Policy::allows-insecure-transport', 'Policy::allows-everyone']],
  ])('%s: each part with a weaker setting is refused, on the bucket and on the part', (rule, findings) => {
    const failures = validate(weakBucketStack(true), rule, TestType.NON_COMPLIANCE);
    const messages = failures.map((a) => a.message).join('\n');
    for (const finding of findings) expect(messages).toContain(finding);
    expect(failures.some((a) => /on aws_s3_bucket\.Weak/.test(a.message))).toBe(true);
    expect(failures.some((a) => !/on aws_s3_bucket\.Weak\b/.test(a.message))).toBe(true);
  });

  test('a LockedBucket refuses a retention S3 would refuse, naming the range', () => {
    const stack = fixtureStack();
    const key = new EncryptionKey(stack, 'Key', { alias: 'evidence', description: 'evidence', region: 'eu-west-1' });
    expect(() => new LockedBucket(stack, 'Evidence', { bucketName: 'evidence-example', encryptionKey: key, retentionDays: 0 })).toThrow(
      'a whole number of days from 1 to 36500',
    );
    expect(() => new LockedBucket(stack, 'Evidence2', { bucketName: 'Evidence_Example', encryptionKey: key, retentionDays: 30 })).toThrow(
      'is not a valid S3 bucket name',
    );
  });
});
