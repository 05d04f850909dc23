import { annotationsOf } from '../../guardrails/annotations';
import { exampleWith, problemsOf } from '../helpers/config';
import { declareForTest, refTo, resourcesOf, synthJson, type SynthJson } from '../helpers/synth';

const PREFIX = 'jml-bridge-example';
const AUDITOR = 'arn:aws:iam::123456789012:role/external-auditors';
const ROLE = `${PREFIX}-seal-auditor`;

/** The bridge stack's synthesized JSON for the example environment after `change`. */
function bridgeJson(change: (raw: Record<string, any>) => void = () => undefined) {
  const { stacks } = declareForTest(exampleWith(change));
  synthJson(stacks.identity); // identity first, as App.synth prepares every stack before writing any
  return { stack: stacks.bridge, json: synthJson(stacks.bridge) };
}

function documentOf(json: SynthJson, reference: string): Record<string, any>[] {
  const name = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(reference)![1]!;
  return json.data!.aws_iam_policy_document[name].statement;
}

describe("the seal bucket's auditor role (bridge.sealAuditorPrincipals)", () => {
  test('not configured (the example): no auditor role, no output, and nothing may read the seal bucket', () => {
    const { json } = bridgeJson();
    expect(resourcesOf(json, 'aws_iam_role').map((r) => r.name)).not.toContain(ROLE);
    expect(json.output.seal_auditor_role_arn).toBeUndefined();
    const s3Reads = Object.values(json.data!.aws_iam_policy_document as Record<string, { statement: Record<string, any>[] }>)
      .flatMap((d) => d.statement)
      .filter((s) => s.effect !== 'Deny')
      .flatMap((s) => s.actions as string[])
      .filter((a) => /^s3:(Get|List)/.test(a));
    expect(s3Reads).toEqual([]);
  });

  describe('configured', () => {
    const { stack, json } = bridgeJson((raw) => {
      raw.bridge = { ...(raw.bridge ?? {}), sealAuditorPrincipals: [AUDITOR] };
    });
    const bucketArn = refTo(json, 'aws_s3_bucket', 'bucket', `${PREFIX}-seals-123456789012`, 'arn');
    const keyArn = refTo(json, 'aws_kms_key', 'enable_key_rotation', true, 'arn');
    const role = resourcesOf(json, 'aws_iam_role').find((r) => r.name === ROLE)!;

    test('is assumable by the configured principal only, and is output for the auditor', () => {
      expect(role).toBeDefined();
      expect(documentOf(json, role.assume_role_policy)).toEqual([{ actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [AUDITOR] }] }]);
      expect(json.output.seal_auditor_role_arn.value).toBe(refTo(json, 'aws_iam_role', 'name', ROLE, 'arn'));
      expect(resourcesOf(json, 'aws_iam_role_policy_attachment').filter((a) => a.role === refTo(json, 'aws_iam_role', 'name', ROLE, 'name'))).toEqual([]);
    });

    test('may only list (under the seal prefixes) and read seals, scan and read the table, and decrypt through S3 and DynamoDB: no write of any kind', () => {
      const [policy, ...more] = resourcesOf(json, 'aws_iam_role_policy').filter((p) => p.role === refTo(json, 'aws_iam_role', 'name', ROLE, 'id'));
      expect(more).toEqual([]);
      expect(documentOf(json, policy!.policy)).toEqual([
        {
          sid: 'SealBucketAuditSealsList',
          effect: 'Allow',
          actions: ['s3:ListBucket', 's3:ListBucketVersions'],
          resources: [bucketArn],
          condition: [{ test: 'StringLike', variable: 's3:prefix', values: ['batches/*', 'threads/*', 'events/*'] }],
        },
        {
          sid: 'SealBucketAuditSealsObjects',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectRetention'],
          resources: [`${bucketArn}/batches/*`, `${bucketArn}/threads/*`, `${bucketArn}/events/*`],
        },
        expect.objectContaining({
          effect: 'Allow',
          actions: ['kms:Decrypt'],
          resources: [keyArn],
          condition: [expect.objectContaining({ variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] })],
        }),
        {
          sid: 'TableAuditRead',
          effect: 'Allow',
          actions: ['dynamodb:Scan', 'dynamodb:GetItem'],
          resources: [refTo(json, 'aws_dynamodb_table', 'name', PREFIX, 'arn')],
        },
        expect.objectContaining({
          effect: 'Allow',
          actions: ['kms:Decrypt', 'kms:DescribeKey'],
          resources: [keyArn],
          condition: [expect.objectContaining({ variable: 'kms:ViaService', values: ['dynamodb.eu-west-1.amazonaws.com'] })],
        }),
      ]);
    });

    test('the functions still may only put seals, and the stack passes the guardrails with no error and no warning', () => {
      const puts = Object.values(json.data!.aws_iam_policy_document as Record<string, { statement: Record<string, any>[] }>)
        .flatMap((d) => d.statement)
        .filter((s) => s.effect !== 'Deny' && (s.actions as string[]).includes('s3:PutObject'));
      expect(puts.length).toBeGreaterThan(0);
      for (const s of puts) expect(s.resources).toEqual([`${bucketArn}/batches/*`]);
      expect(annotationsOf(stack).filter((a) => a.level !== 'info')).toEqual([]);
    });
  });

  test('a principal that is not an IAM ARN names the path and the fix', () => {
    expect(problemsOf((raw) => (raw.bridge = { ...(raw.bridge ?? {}), sealAuditorPrincipals: ['auditors'] }))).toEqual([
      expect.stringMatching(/^bridge\.sealAuditorPrincipals\[0\]: must be an IAM role, user or account-root ARN/),
    ]);
    expect(problemsOf((raw) => (raw.bridge = { ...(raw.bridge ?? {}), sealAuditorPrincipals: [] }))).toEqual([
      expect.stringMatching(/^bridge\.sealAuditorPrincipals: name at least one auditor identity/),
    ]);
  });
});
