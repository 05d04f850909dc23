import { Aspects, Testing, type TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { annotationsOf } from '../../guardrails/annotations';
import { suppress, suppressByPath } from '../../guardrails/suppressions';
import { fixtureStack, rawData, TestPack } from './helpers';

/** A policy document with two wildcard actions, inside a construct `Worker`. */
function wildcardStack(): { stack: TerraformStack; worker: Construct; doc: Construct } {
  const stack = fixtureStack();
  const worker = new Construct(stack, 'Worker');
  const doc = rawData(worker, 'Policy', 'aws_iam_policy_document', { statement: [{ actions: ['sqs:*', 'kms:*'], resources: ['${aws_sqs_queue.q.arn}'] }] });
  return { stack, worker, doc };
}

function check(stack: TerraformStack) {
  const pack = new TestPack(['LP-IAM1', 'LP-IAM2']);
  Aspects.of(stack).add(pack);
  Testing.synth(stack);
  return { annotations: annotationsOf(stack), report: pack.reports.get(stack.node.path)! };
}

describe('suppressions', () => {
  test('a granular suppression accepts exactly its finding, is reported with its reason, and leaves the rest failing', () => {
    const { stack, doc } = wildcardStack();
    suppress(doc, [{ id: 'LP-IAM1[Action::kms:*]', reason: 'KMS key policy limits this role to one key already' }]);
    const { annotations, report } = check(stack);
    const errors = annotations.filter((a) => a.level === 'error');
    expect(errors.map((a) => a.message)).toEqual([expect.stringContaining('(Action::sqs:*)')]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({ ruleId: 'LP-IAM1', finding: 'Action::kms:*', reason: 'KMS key policy limits this role to one key already', path: 'fixture/Worker/Policy' }),
    ]);
    expect(annotations).toContainEqual(expect.objectContaining({ level: 'info', message: expect.stringContaining('accepted by suppression LP-IAM1[Action::kms:*]') }));
  });

  test('a rule-level suppression on an ancestor covers every finding of that rule below it', () => {
    const { stack, worker } = wildcardStack();
    suppress(worker, [{ id: 'LP-IAM1', reason: 'Temporary while the worker is split in two, see the PR' }]);
    const { annotations, report } = check(stack);
    expect(annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(report.suppressed.map((s) => s.finding)).toEqual(['Action::sqs:*', 'Action::kms:*']);
  });

  test('fails the synth when a granular suppression matches no real finding', () => {
    const { stack, doc } = wildcardStack();
    suppress(doc, [{ id: 'LP-IAM1[Action::s3:*]', reason: 'A finding that does not exist here' }]);
    const { annotations, report } = check(stack);
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'LP-IAM1', address: '(suppression)', path: 'fixture/Worker/Policy' }));
    const errors = annotations.filter((a) => a.level === 'error');
    expect(errors).toContainEqual({
      level: 'error',
      path: 'fixture/Worker/Policy',
      message: expect.stringMatching(/suppression LP-IAM1\[Action::s3:\*\] matches nothing \(LP-IAM1 reports no such finding here or below\)/),
    });
  });

  test('fails the synth when a suppression names a rule the pack does not have', () => {
    const { stack, doc } = wildcardStack();
    suppress(doc, [{ id: 'LP-NOPE9', reason: 'A rule that does not exist at all' }]);
    const errors = check(stack).annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors.join('\n')).toContain('the Test pack has no rule LP-NOPE9');
  });

  test('refuses a reason shorter than 10 characters, naming the suppression and the length', () => {
    const { doc } = wildcardStack();
    expect(() => suppress(doc, [{ id: 'LP-IAM1', reason: 'legacy' }])).toThrow(/suppression LP-IAM1 on fixture\/Worker\/Policy has reason "legacy" \(6 characters\); explain in at least 10 characters/);
  });

  test('refuses a malformed id', () => {
    const { doc } = wildcardStack();
    expect(() => suppress(doc, [{ id: 'iam wildcard', reason: 'not an id at all, clearly' }])).toThrow(/suppression id "iam wildcard" is not a rule id/);
  });

  test('suppressByPath finds the construct by path, and fails when nothing is at the path', () => {
    const { stack } = wildcardStack();
    suppressByPath(stack, 'Worker/Policy', [{ id: 'LP-IAM1', reason: 'Accepted for the test of paths' }]);
    expect(check(stack).annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(() => suppressByPath(stack, 'Worker/Nope', [{ id: 'LP-IAM1', reason: 'Accepted for the test of paths' }])).toThrow(
      /no construct at "Worker\/Nope" below fixture/,
    );
  });
});
