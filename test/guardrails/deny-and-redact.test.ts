import fc from 'fast-check';
import { canGrantAccess, isReviewedInert } from '../../guardrails/deny-by-default';
import type { GuardrailSubject } from '../../guardrails/rule';
import { redact, secretKinds } from '../../guardrails/secrets';
import { fixtureStack, rawResource, TestPack } from './helpers';
import { Aspects } from 'cdktf';
import { annotationsOf } from '../../guardrails/annotations';
import { stackJsonOf } from '../helpers/synth';

const subject = (kind: GuardrailSubject['kind'], type: string, attributes: Record<string, unknown> = {}): GuardrailSubject =>
  ({
    kind,
    type,
    address: `${type}.x`,
    attributes,
    stack: { lookup: () => undefined, elements: [], sensitiveVariables: new Set(), requestableGroupNames: new Set() },
  }) as GuardrailSubject;

describe('deny by default', () => {
  test('access-capable: identity providers, IAM, policies, secrets, unknown providers, modules; not plain infrastructure or reads', () => {
    for (const type of [
      'okta_user',
      'oktapam_project_group',
      'servicenow_user_role',
      'restful_resource',
      'aws_iam_user',
      'aws_sqs_queue_policy',
      'aws_s3_bucket_acl',
      'aws_ssm_parameter',
      'acme_grant',
    ]) {
      expect([type, canGrantAccess(subject('resource', type))]).toEqual([type, true]);
    }
    expect(canGrantAccess(subject('module', 'acme/x/aws'))).toBe(true);
    expect(canGrantAccess(subject('data', 'aws_iam_policy_document'))).toBe(true);
    for (const type of ['aws_sqs_queue', 'aws_dynamodb_table', 'aws_cloudwatch_metric_alarm', 'random_id'])
      expect(canGrantAccess(subject('resource', type))).toBe(false);
    expect(canGrantAccess(subject('data', 'restful_resource'))).toBe(false);
  });
  test('a reviewed type with a disqualifying attribute set is no longer reviewed', () => {
    expect(isReviewedInert(subject('resource', 'aws_kms_key', {}))).toBe(true);
    expect(isReviewedInert(subject('resource', 'aws_kms_key', { policy: '{}' }))).toBe(false);
  });
  test('an unknown type fails through any pack, naming the type; a type some rule judges does not', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Mystery', 'acme_superuser_grant', { principal: '*' });
    rawResource(stack, 'Attach', 'aws_iam_role_policy_attachment', { role: 'r', policy_arn: '${aws_iam_policy.p.arn}' });
    Aspects.of(stack).add(new TestPack(['LP-IAM3']));
    stackJsonOf(stack);
    const errors = annotationsOf(stack).filter((a) => a.level === 'error');
    expect(errors).toEqual([
      {
        level: 'error',
        path: 'fixture/Mystery',
        message: expect.stringMatching(
          /^\[LP-DENY1\] acme_superuser_grant\.Mystery \(type acme_superuser_grant\) can grant access and no guardrail rule judges it/,
        ),
      },
    ]);
  });
});

describe('redaction', () => {
  test('a password in a URL, keys and tokens are masked; the rest of the text stays', () => {
    expect(redact('is https://admin:hunter2@x.service-now.com but bridge is https://y.service-now.com')).toBe(
      'is https://admin:****@x.service-now.com but bridge is https://y.service-now.com',
    );
    expect(redact('key AKIAABCDEFGHIJKLMNOP and SSWS 00abcdefghijklmnopqrstuvwxyz0123456789ABCD')).toBe('key **** and SSWS ****');
    expect(redact('https://x.example.com/cb?client_secret=s3cr3t&state=1')).toBe('https://x.example.com/cb?client_secret=****&state=1');
  });
  test('no password survives redaction of any URL that carries one (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[A-Za-z0-9!$%^*_-]{6,20}$/), fc.domain(), (user, password, host) => {
        const text = `bridge.serviceNowInstanceUrl is https://${user}:${password}@${host}/x`;
        expect(redact(text)).not.toContain(`:${password}@`);
        expect(secretKinds(text)).toContain('UrlPassword');
      }),
    );
  });
});
