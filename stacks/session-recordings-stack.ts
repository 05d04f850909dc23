import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/schema';
import type { S3SessionLogsConfig } from '../config/schema/session-recordings';
import { SessionRecordingStorage } from '../constructs/session-recording-storage';
import { BaseStack, type BaseStackProps } from './base-stack';

/** The names of the recording storage, plain text at synth time so the gateway's configuration can name them. */
export interface RecordingStorageNames {
  readonly bucketName: string;
  readonly region: string;
  readonly writerRoleName: string;
  readonly writerRoleArn: string;
  readonly readerRoleName: string;
}

/** The recording storage of an environment whose gateway uploads to S3, or undefined when it keeps recordings on disk. */
export function recordingStorageOf(config: EnvironmentConfig): (RecordingStorageNames & { readonly logs: S3SessionLogsConfig }) | undefined {
  const logs = config.privilegedAccess?.gateway.sessionLogs;
  if (logs?.storage !== 's3') return undefined;
  const writerRoleName = `opa-recordings-writer-${config.name}`;
  return {
    logs,
    bucketName: logs.bucketName ?? `opa-session-recordings-${config.name}-${config.aws.accountId}`,
    region: config.aws.region,
    writerRoleName,
    writerRoleArn: `arn:aws:iam::${config.aws.accountId}:role/${writerRoleName}`,
    readerRoleName: `opa-recordings-reader-${config.name}`,
  };
}

/**
 * Session-recording storage in its own small AWS stack, declared only when the environment asks for cloud storage
 * (`privilegedAccess.gateway.sessionLogs.storage: s3`).
 *
 * Why not in the bridge stack: the recordings have nothing to do with the bridge, and their lifecycle is the opposite
 * of a service's. A compliance-locked bucket cannot be deleted until its last recording's retention ends, so a stack
 * holding one can never be destroyed or recreated; the bridge must stay free to be. A separate state also keeps the
 * bridge's deploy role away from the recordings' key. Why not in the privileged-access stack: that stack speaks only
 * to Okta Privileged Access, with no AWS provider or credentials, and stays so.
 */
export class SessionRecordingsStack extends BaseStack {
  public readonly storage: SessionRecordingStorage;

  constructor(scope: Construct, props: BaseStackProps) {
    super(scope, 'session-recordings', props);
    const { config } = props;
    const names = recordingStorageOf(config);
    if (!names) {
      throw new Error(`environment ${config.name}: the session-recordings stack needs privilegedAccess.gateway.sessionLogs.storage: s3`);
    }
    new AwsProvider(this, 'aws', {
      region: config.aws.region,
      allowedAccountIds: [config.aws.accountId],
      defaultTags: [{ tags: { ...config.tags, environment: config.name, 'managed-by': 'cdktf' } }],
    });
    this.storage = new SessionRecordingStorage(this, 'Storage', {
      bucketName: names.bucketName,
      region: names.region,
      retentionDays: names.logs.retentionDays,
      writerRoleName: names.writerRoleName,
      readerRoleName: names.readerRoleName,
      gatewayHostPrincipals: names.logs.gatewayHostPrincipals,
      reviewerPrincipals: names.logs.reviewerPrincipals,
    });
    new TerraformOutput(this, 'recording_bucket', {
      staticId: true,
      value: this.storage.bucket.bucketName,
      description: 'S3 bucket of the OPA session recordings (object lock, compliance mode).',
    });
    new TerraformOutput(this, 'recording_writer_role_arn', {
      staticId: true,
      value: this.storage.writer.roleArn,
      description: 'Role the gateway hosts assume to upload recordings (put only).',
    });
    new TerraformOutput(this, 'recording_reader_role_arn', {
      staticId: true,
      value: this.storage.reader.roleArn,
      description: 'Role reviewers assume to list and read recordings.',
    });
  }
}
