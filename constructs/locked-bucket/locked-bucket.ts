import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import type { EncryptionKey } from '../encryption-key';
import { sidFor, type IGrantable } from '../iam-grants';

/** S3's limits on default retention (days) for object lock; more than 100 years is refused by S3. */
export const OBJECT_LOCK_MAX_RETENTION_DAYS = 36_500;

export interface LockedBucketProps {
  /** Globally unique bucket name (3-63 lowercase letters, digits, dots, hyphens). */
  readonly bucketName: string;
  /** Customer-managed key every object is encrypted with (SSE-KMS, bucket key on). */
  readonly encryptionKey: EncryptionKey;
  /** Default retention of every object version, in compliance mode: nobody, root included, can delete it sooner. */
  readonly retentionDays: number;
}

/**
 * An S3 bucket for evidence: object lock in compliance mode with a default retention, versioning, SSE-KMS with a
 * customer-managed key, every public-access block on, ACLs disabled (bucket owner enforced), and a policy that refuses
 * any request not made over TLS and any upload encrypted with another key or algorithm. Nothing here grants access:
 * principals get exactly {@link grantPut} or {@link grantRead}. guardrails/rules/s3 hold every such bucket to this shape.
 *
 * Object lock can only be turned on when a bucket is created, and a compliance-mode version cannot be deleted before
 * its retention ends, so `terraform destroy` of this bucket fails until then: that is the point.
 */
export class LockedBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  private readonly encryptionKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: LockedBucketProps) {
    super(scope, id);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketName)) {
      throw new Error(
        `bucket name "${props.bucketName}" is not a valid S3 bucket name: 3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit`,
      );
    }
    if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1 || props.retentionDays > OBJECT_LOCK_MAX_RETENTION_DAYS) {
      throw new Error(
        `bucket ${props.bucketName}: retention of ${props.retentionDays} days; object lock takes a whole number of days from 1 to ${OBJECT_LOCK_MAX_RETENTION_DAYS}`,
      );
    }
    this.encryptionKey = props.encryptionKey;
    this.bucket = new S3Bucket(this, 'Bucket', { bucket: props.bucketName, objectLockEnabled: true, forceDestroy: false });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    const bucket = this.bucket.id;
    new S3BucketOwnershipControls(this, 'Ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const versioning = new S3BucketVersioningA(this, 'Versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryptionKey.keyArn }, bucketKeyEnabled: true }],
    });
    new S3BucketObjectLockConfigurationA(this, 'ObjectLock', {
      bucket,
      rule: { defaultRetention: { mode: 'COMPLIANCE', days: props.retentionDays } },
      dependsOn: [versioning],
    });
    const policy = new DataAwsIamPolicyDocument(this, 'PolicyDocument', {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [this.bucketArn, `${this.bucketArn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
        {
          sid: 'DenyOtherEncryption',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:PutObject'],
          resources: [`${this.bucketArn}/*`],
          condition: [{ test: 'StringNotEqualsIfExists', variable: 's3:x-amz-server-side-encryption', values: ['aws:kms'] }],
        },
        {
          sid: 'DenyOtherKey',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:PutObject'],
          resources: [`${this.bucketArn}/*`],
          condition: [{ test: 'StringNotEqualsIfExists', variable: 's3:x-amz-server-side-encryption-aws-kms-key-id', values: [props.encryptionKey.keyArn] }],
        },
      ],
    });
    new S3BucketPolicy(this, 'Policy', { bucket, policy: policy.json });
  }

  /**
   * Lets `grantee` upload objects under `prefixes` and nothing else: `s3:PutObject` (which also covers multipart
   * uploads), with the key through S3 only (`kms:GenerateDataKey`, and `kms:Decrypt`, which S3 needs to complete a
   * multipart upload). No read, list, delete or retention change.
   */
  public grantPut(grantee: IGrantable, prefixes: readonly string[], purpose = 'Put'): void {
    if (prefixes.length === 0) throw new Error(`bucket ${this.node.id}: grantPut needs at least one key prefix ('' for the whole bucket)`);
    grantee.addToPrincipalPolicy({
      sid: sidFor(this, purpose),
      actions: ['s3:PutObject'],
      resources: prefixes.map((prefix) => `${this.bucketArn}/${prefix}*`),
    });
    this.encryptionKey.grantUseVia(grantee, 's3', ['kms:GenerateDataKey', 'kms:Decrypt'], sidFor(this, `${purpose}Key`));
  }

  /** Lets `grantee` list and read every version, and see each one's retention; it can change nothing. */
  public grantRead(grantee: IGrantable, purpose = 'Read'): void {
    grantee.addToPrincipalPolicy({ sid: sidFor(this, `${purpose}List`), actions: ['s3:ListBucket', 's3:ListBucketVersions'], resources: [this.bucketArn] });
    grantee.addToPrincipalPolicy({
      sid: sidFor(this, `${purpose}Objects`),
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectRetention'],
      resources: [`${this.bucketArn}/*`],
    });
    this.encryptionKey.grantUseVia(grantee, 's3', ['kms:Decrypt'], sidFor(this, `${purpose}Key`));
  }

  /**
   * Lets `grantee` list and read every version of the objects under `prefixes` and see each one's retention, and
   * nothing else: listing is allowed only with a `prefix` parameter under one of them (`s3:prefix`, which S3 checks
   * for ListBucket and ListBucketVersions), reading only of keys under them, and the key only through S3 for
   * `kms:Decrypt`. No put, delete, retention or policy change.
   */
  public grantReadUnder(grantee: IGrantable, prefixes: readonly string[], purpose = 'Read'): void {
    if (prefixes.length === 0 || prefixes.some((p) => p === '' || p.includes('*'))) {
      throw new Error(`bucket ${this.node.id}: grantReadUnder needs key prefixes without wildcards (e.g. "batches/"); use grantRead for the whole bucket`);
    }
    grantee.addToPrincipalPolicy({
      sid: sidFor(this, `${purpose}List`),
      actions: ['s3:ListBucket', 's3:ListBucketVersions'],
      resources: [this.bucketArn],
      conditions: [{ test: 'StringLike', variable: 's3:prefix', values: prefixes.map((prefix) => `${prefix}*`) }],
    });
    grantee.addToPrincipalPolicy({
      sid: sidFor(this, `${purpose}Objects`),
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectRetention'],
      resources: prefixes.map((prefix) => `${this.bucketArn}/${prefix}*`),
    });
    this.encryptionKey.grantUseVia(grantee, 's3', ['kms:Decrypt'], sidFor(this, `${purpose}Key`));
  }
}
