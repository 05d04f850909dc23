import { Construct } from 'constructs';
import { EncryptionKey } from '../encryption-key';
import { LockedBucket, ScopedRole } from '../locked-bucket';

export interface SessionRecordingStorageProps {
  readonly bucketName: string;
  readonly region: string;
  readonly retentionDays: number;
  readonly writerRoleName: string;
  readonly readerRoleName: string;
  /** Identities of the gateway hosts: they may assume the writer role. */
  readonly gatewayHostPrincipals: readonly string[];
  /** Identities of the reviewers: they may assume the reader role. */
  readonly reviewerPrincipals: readonly string[];
}

/**
 * Where the Okta Privileged Access gateway uploads session recordings: a {@link LockedBucket} (compliance-mode object
 * lock for the configured retention, versioning, SSE-KMS with its own key, TLS only, never public), a writer role the
 * gateway hosts assume that may only put recordings, and a separate reader role for reviewers that may only list and
 * read them. Nobody gets delete: the lock would refuse it anyway until the retention ends.
 */
export class SessionRecordingStorage extends Construct {
  public readonly key: EncryptionKey;
  public readonly bucket: LockedBucket;
  public readonly writer: ScopedRole;
  public readonly reader: ScopedRole;

  constructor(scope: Construct, id: string, props: SessionRecordingStorageProps) {
    super(scope, id);
    this.key = new EncryptionKey(this, 'Key', {
      alias: props.bucketName,
      description: `Encrypts the session recordings in s3://${props.bucketName}.`,
      region: props.region,
    });
    this.bucket = new LockedBucket(this, 'Recordings', { bucketName: props.bucketName, encryptionKey: this.key, retentionDays: props.retentionDays });
    this.writer = new ScopedRole(this, 'Writer', {
      roleName: props.writerRoleName,
      description: `Assumed by the OPA gateway hosts to upload session recordings to ${props.bucketName}; put only.`,
      assumedBy: { principalArns: props.gatewayHostPrincipals },
    });
    this.bucket.grantPut(this.writer, [''], 'UploadRecordings');
    this.reader = new ScopedRole(this, 'Reader', {
      roleName: props.readerRoleName,
      description: `Assumed by reviewers to list and read session recordings in ${props.bucketName}; read only.`,
      assumedBy: { principalArns: props.reviewerPrincipals },
    });
    this.bucket.grantRead(this.reader, 'ReviewRecordings');
  }
}
