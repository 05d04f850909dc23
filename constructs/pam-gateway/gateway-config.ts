import { stringify } from 'yaml';
import type { GatewayHostConfig, SessionLogsConfig } from '../../config/schema/session-recordings';

/** Where the gateway reads its configuration (docs/session-recordings.md). */
export const GATEWAY_CONFIG_PATH = '/etc/sft/sft-gatewayd.yaml';

export interface GatewayConfigInput {
  readonly gatewayName: string;
  readonly environment: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly host: GatewayHostConfig;
  readonly sessionLogs: SessionLogsConfig;
  /** For `storage: s3`: the bucket the session-recordings stack declares, its region, and the writer role's ARN. */
  readonly recordingBucket?: { readonly name: string; readonly region: string; readonly writerRoleArn: string };
}

/**
 * The gateway's configuration file, rendered from the environment file. Every value is plain text known at synth
 * time (no Terraform reference), so what is rendered is what the host gets.
 *
 * - The setup token is read from `SetupTokenFile`; the file never holds `SetupToken` (the documented inline option
 *   leaves the token in clear text in the configuration).
 * - The labels are the setup token's (`oktapam_gateway_setup_token.labels`): a gateway takes its labels from the token
 *   it enrolls with. The documented file options have no label setting, so they are written as a comment only.
 * - Session logs go to `LogDestinations`: a local directory, or the recording bucket through the AWS shared-config
 *   profile that assumes the put-only writer role (no access key in the file).
 */
export function renderGatewayConfig(input: GatewayConfigInput): string {
  const { host, sessionLogs } = input;
  const destination =
    sessionLogs.storage === 'file'
      ? { Type: 'file', LogDir: sessionLogs.directory }
      : { Type: 's3', Bucket: bucketOf(input).name, Region: bucketOf(input).region, Profile: sessionLogs.awsProfile };
  const body: Record<string, unknown> = {
    SetupTokenFile: host.setupTokenFile,
    LogLevel: host.logLevel,
    SessionLogFlushInterval: `${sessionLogs.flushIntervalSeconds}s`,
    SessionLogMaxBufferSize: sessionLogs.maxBufferBytes,
    ...(sessionLogs.temporaryDirectory ? { SessionLogTempStorageDirectory: sessionLogs.temporaryDirectory } : {}),
    LogDestinations: [destination],
  };
  const labels = Object.keys(input.labels)
    .sort()
    .map((key) => `${key}=${input.labels[key]}`)
    .join(', ');
  const header = [
    `# ${GATEWAY_CONFIG_PATH} of the Okta Privileged Access gateway "${input.gatewayName}" (environment ${input.environment}).`,
    '# Rendered by the privileged-access stack from privilegedAccess.gateway; edit the environment file, not this file.',
    `# Labels (set by its setup token, not by this file): ${labels}`,
    `# The setup token is not in this file: write it to ${host.setupTokenFile} (mode 0600, owner sft-gatewayd);`,
    '# the gateway deletes that file once it has enrolled.',
  ];
  return `${header.join('\n')}\n${stringify(body, { lineWidth: 0 })}`;
}

/**
 * For `storage: s3`: the AWS shared-config profile (`/root/.aws/config` of the gateway's service user) that assumes
 * the writer role with the host's own instance credentials. Undefined for local storage.
 */
export function renderGatewayAwsProfile(input: GatewayConfigInput): string | undefined {
  if (input.sessionLogs.storage !== 's3') return undefined;
  const bucket = bucketOf(input);
  return [
    `# AWS shared config of the gateway host: the profile ${GATEWAY_CONFIG_PATH} names for the recording bucket.`,
    "# credential_source uses the EC2 instance role; on another host use source_profile with that host's own identity.",
    `[profile ${input.sessionLogs.awsProfile}]`,
    `role_arn = ${bucket.writerRoleArn}`,
    'credential_source = Ec2InstanceMetadata',
    `region = ${bucket.region}`,
    '',
  ].join('\n');
}

function bucketOf(input: GatewayConfigInput): NonNullable<GatewayConfigInput['recordingBucket']> {
  if (!input.recordingBucket) {
    throw new Error(
      `gateway "${input.gatewayName}": privilegedAccess.gateway.sessionLogs.storage is s3, but no recording bucket was given to render its configuration`,
    );
  }
  return input.recordingBucket;
}
