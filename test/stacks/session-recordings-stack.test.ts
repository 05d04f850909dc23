import { parse } from 'yaml';
import { annotationsOf } from '../../guardrails/annotations';
import { exampleWith, problemsOf } from '../helpers/config';
import { declareForTest, refTo, resourcesOf, synthJson, type SynthJson } from '../helpers/synth';

const HOST = 'arn:aws:iam::123456789012:role/opa-gateway-host';
const REVIEWER = 'arn:aws:iam::123456789012:role/security-reviewers';

const withS3 = (raw: Record<string, any>) => {
  raw.privilegedAccess.gateway.sessionLogs = { storage: 's3', retentionDays: 400, gatewayHostPrincipals: [HOST], reviewerPrincipals: [REVIEWER] };
};

/** The statements of the inline policy of the role named `roleName`, followed through the references. */
function policyOfRole(json: SynthJson, roleName: string): Record<string, any>[] {
  const role = refTo(json, 'aws_iam_role', 'name', roleName, 'id');
  const [attachment] = resourcesOf(json, 'aws_iam_role_policy').filter((p) => p.role === role);
  const document = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(attachment!.policy)![1]!;
  return json.data!.aws_iam_policy_document[document].statement;
}

function trustOfRole(json: SynthJson, roleName: string): Record<string, any>[] {
  const role = resourcesOf(json, 'aws_iam_role').find((r) => r.name === roleName)!;
  const document = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(role.assume_role_policy)![1]!;
  return json.data!.aws_iam_policy_document[document].statement;
}

describe('gateway configuration from the environment file', () => {
  test('file storage (the example): the token is read from a file, never inline; labels; session logs on the host; no AWS storage', () => {
    const { stacks } = declareForTest(exampleWith());
    const outputs = synthJson(stacks.privilegedAccess!).output;
    const text = outputs.gateway_config.value as string;
    expect(parse(text)).toEqual({
      SetupTokenFile: '/var/lib/sft-gatewayd/setup.token',
      LogLevel: 'info',
      SessionLogFlushInterval: '10s',
      SessionLogMaxBufferSize: 262144,
      LogDestinations: [{ Type: 'file', LogDir: '/var/log/sft/sessions' }],
    });
    expect(text).toContain('# Labels (set by its setup token, not by this file): env=prod, role=session-recording');
    expect(text).not.toMatch(/^SetupToken:/m);
    expect(text).not.toContain('${');
    expect(outputs.gateway_config.sensitive).toBeFalsy();
    expect(outputs.gateway_aws_config).toBeUndefined();
    expect(stacks.sessionRecordings).toBeUndefined();
  });

  test('a changed token path, log level and flush interval are rendered as given', () => {
    const { stacks } = declareForTest(
      exampleWith((raw) => {
        raw.privilegedAccess.gateway.host = { setupTokenFile: '/etc/sft/gateway.token', logLevel: 'warn' };
        raw.privilegedAccess.gateway.sessionLogs = {
          storage: 'file',
          directory: '/srv/recordings',
          flushIntervalSeconds: 5,
          temporaryDirectory: '/var/tmp/sft',
        };
      }),
    );
    const rendered = parse(synthJson(stacks.privilegedAccess!).output.gateway_config.value);
    expect(rendered).toMatchObject({
      SetupTokenFile: '/etc/sft/gateway.token',
      LogLevel: 'warn',
      SessionLogFlushInterval: '5s',
      SessionLogTempStorageDirectory: '/var/tmp/sft',
      LogDestinations: [{ Type: 'file', LogDir: '/srv/recordings' }],
    });
  });

  test('bad input names the path and the fix', () => {
    expect(problemsOf((raw) => (raw.privilegedAccess.gateway.host = { setupTokenFile: 'setup.token' }))).toEqual([
      expect.stringMatching(/^privilegedAccess\.gateway\.host\.setupTokenFile: must be an absolute path/),
    ]);
    expect(
      problemsOf((raw) => {
        withS3(raw);
        raw.privilegedAccess.gateway.sessionLogs.reviewerPrincipals = [HOST];
      }),
    ).toEqual([
      expect.stringContaining(
        'privilegedAccess.gateway.sessionLogs.reviewerPrincipals: names arn:aws:iam::123456789012:role/opa-gateway-host, which is also a gateway host',
      ),
    ]);
    expect(
      problemsOf((raw) => {
        withS3(raw);
        raw.privilegedAccess.gateway.sessionLogs.retentionDays = 40000;
      }),
    ).toEqual([expect.stringContaining("privilegedAccess.gateway.sessionLogs.retentionDays: must be at most 36500 days (S3 object lock's limit)")]);
  });
});

describe('SessionRecordingsStack (sessionLogs.storage: s3)', () => {
  const { stacks } = declareForTest(exampleWith(withS3));
  const json = synthJson(stacks.sessionRecordings!);
  const bucketName = 'opa-session-recordings-example-123456789012';
  const bucketId = refTo(json, 'aws_s3_bucket', 'bucket', bucketName, 'id');
  const bucketArn = refTo(json, 'aws_s3_bucket', 'bucket', bucketName, 'arn');
  const keyArn = refTo(json, 'aws_kms_key', 'enable_key_rotation', true, 'arn');
  const part = (type: string) => resourcesOf(json, type).filter((r) => r.bucket === bucketId);

  test('passes the least-privilege guardrails (LP-BKT1-5 among them) with no error and no warning', () => {
    expect(annotationsOf(stacks.sessionRecordings!).filter((a) => a.level !== 'info')).toEqual([]);
  });

  test('the bucket: object lock in compliance mode for the configured retention, versioning, SSE-KMS with its own key, never public', () => {
    expect(resourcesOf(json, 'aws_s3_bucket')).toEqual([expect.objectContaining({ bucket: bucketName, object_lock_enabled: true, force_destroy: false })]);
    expect(part('aws_s3_bucket_object_lock_configuration')).toEqual([
      expect.objectContaining({ rule: { default_retention: { mode: 'COMPLIANCE', days: 400 } } }),
    ]);
    expect(part('aws_s3_bucket_versioning')).toEqual([expect.objectContaining({ versioning_configuration: { status: 'Enabled' } })]);
    expect(part('aws_s3_bucket_server_side_encryption_configuration')).toEqual([
      expect.objectContaining({
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: keyArn }, bucket_key_enabled: true }],
      }),
    ]);
    expect(part('aws_s3_bucket_public_access_block')).toEqual([
      expect.objectContaining({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }),
    ]);
    expect(part('aws_s3_bucket_ownership_controls')).toEqual([expect.objectContaining({ rule: { object_ownership: 'BucketOwnerEnforced' } })]);
  });

  test('the bucket policy refuses requests without TLS and uploads under another key', () => {
    const [policy] = part('aws_s3_bucket_policy');
    const document = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(policy!.policy)![1]!;
    const statements = json.data!.aws_iam_policy_document[document].statement as Record<string, any>[];
    expect(statements.every((s) => s.effect === 'Deny')).toBe(true);
    expect(statements.find((s) => s.sid === 'DenyInsecureTransport')).toMatchObject({
      actions: ['s3:*'],
      resources: [bucketArn, `${bucketArn}/*`],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
    expect(statements.find((s) => s.sid === 'DenyOtherKey')).toMatchObject({
      actions: ['s3:PutObject'],
      condition: [{ variable: 's3:x-amz-server-side-encryption-aws-kms-key-id', values: [keyArn] }],
    });
  });

  test('the writer role: assumed by the gateway hosts only, may only put recordings', () => {
    expect(trustOfRole(json, 'opa-recordings-writer-example')).toEqual([{ actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [HOST] }] }]);
    expect(policyOfRole(json, 'opa-recordings-writer-example').map((s) => [s.actions, s.resources, s.condition?.[0]?.values])).toEqual([
      [['s3:PutObject'], [`${bucketArn}/*`], undefined],
      [['kms:GenerateDataKey', 'kms:Decrypt'], [keyArn], ['s3.eu-west-1.amazonaws.com']],
    ]);
  });

  test('the reader role: assumed by reviewers only, may only list and read', () => {
    expect(trustOfRole(json, 'opa-recordings-reader-example')).toEqual([
      { actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [REVIEWER] }] },
    ]);
    const actions = policyOfRole(json, 'opa-recordings-reader-example').flatMap((s) => s.actions);
    expect(actions.sort()).toEqual(['kms:Decrypt', 's3:GetObject', 's3:GetObjectRetention', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions']);
  });

  test('the gateway configuration uploads to that bucket through the profile that assumes the writer role', () => {
    const outputs = synthJson(stacks.privilegedAccess!).output;
    expect(parse(outputs.gateway_config.value).LogDestinations).toEqual([
      { Type: 's3', Bucket: bucketName, Region: 'eu-west-1', Profile: 'opa-session-recordings' },
    ]);
    expect(outputs.gateway_aws_config.value).toContain(
      '[profile opa-session-recordings]\nrole_arn = arn:aws:iam::123456789012:role/opa-recordings-writer-example\n',
    );
    expect(json.output.recording_writer_role_arn.value).toBe(refTo(json, 'aws_iam_role', 'name', 'opa-recordings-writer-example', 'arn'));
  });
});
