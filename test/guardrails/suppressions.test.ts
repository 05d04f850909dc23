import { Aspects, type TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import fc from 'fast-check';
import { annotationsOf } from '../../guardrails/annotations';
import { reasonProblem, suppress, suppressByPath, SUPPRESSIONS_METADATA } from '../../guardrails/suppressions';
import { fixtureStack, rawData, TestPack } from './helpers';
import { stackJsonOf } from '../helpers/synth';

const REASON = 'KMS key policy limits this role to one key already';

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
  stackJsonOf(stack);
  const annotations = annotationsOf(stack);
  return { annotations, errors: annotations.filter((a) => a.level === 'error'), report: pack.reports.get(stack.node.path)! };
}

describe('suppressions', () => {
  test('a suppression accepts exactly its finding, is reported with its reason and place, and leaves the rest failing', () => {
    const { stack, doc } = wildcardStack();
    suppress(doc, [{ id: 'LP-IAM1[Action::kms:*]', reason: REASON }]);
    const { annotations, errors, report } = check(stack);
    expect(errors.map((a) => a.message)).toEqual([expect.stringContaining('(Action::sqs:*)')]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'LP-IAM1',
        finding: 'Action::kms:*',
        reason: REASON,
        path: 'fixture/Worker/Policy',
        suppressedOn: 'fixture/Worker/Policy',
      }),
    ]);
    expect(annotations).toContainEqual(
      expect.objectContaining({ level: 'info', message: expect.stringContaining('accepted by suppression LP-IAM1[Action::kms:*]') }),
    );
  });

  test('a suppression on an owner of the construct accepts that finding below it', () => {
    const { stack, worker } = wildcardStack();
    suppress(worker, [
      { id: 'LP-IAM1[Action::sqs:*]', reason: 'The worker is split in two in the next change, see the PR' },
      { id: 'LP-IAM1[Action::kms:*]', reason: 'The worker is split in two in the next change, see the PR' },
    ]);
    const { errors, report } = check(stack);
    expect(errors).toEqual([]);
    expect(report.suppressed.map((s) => [s.finding, s.suppressedOn])).toEqual([
      ['Action::sqs:*', 'fixture/Worker'],
      ['Action::kms:*', 'fixture/Worker'],
    ]);
  });

  test('refuses a bare rule id: it would accept every finding of the rule, now and later', () => {
    const { worker } = wildcardStack();
    expect(() => suppress(worker, [{ id: 'LP-IAM1', reason: REASON }])).toThrow(/suppression LP-IAM1 on fixture\/Worker: id LP-IAM1 names no finding/);
  });

  test('refuses a stack or the App as the place of a suppression', () => {
    const { stack } = wildcardStack();
    expect(() => suppress(stack, [{ id: 'LP-IAM1[Action::sqs:*]', reason: REASON }])).toThrow(
      /fixture is a stack: a suppression there would cover every element of it/,
    );
    expect(() => suppress(stack.node.root, [{ id: 'LP-IAM1[Action::sqs:*]', reason: REASON }])).toThrow(/is the App/);
  });

  test('a suppression written directly as metadata is held to the same rules: on a stack, bare, or with a placeholder reason', () => {
    const { stack, worker, doc } = wildcardStack();
    stack.node.addMetadata(SUPPRESSIONS_METADATA, { id: 'LP-IAM1[Action::sqs:*]', reason: REASON });
    worker.node.addMetadata(SUPPRESSIONS_METADATA, { id: 'LP-IAM1', reason: REASON });
    doc.node.addMetadata(SUPPRESSIONS_METADATA, { id: 'LP-IAM1[Action::kms:*]', reason: 'xxxxxxxxxx' });
    const { errors, report } = check(stack);
    const messages = errors.map((a) => `${a.path} ${a.message}`).join('\n');
    expect(messages).toMatch(/^fixture \[LP-SUP1\] suppression LP-IAM1\[Action::sqs:\*\] on fixture: fixture is a stack/m);
    expect(messages).toMatch(/^fixture\/Worker \[LP-SUP1\] suppression LP-IAM1 on fixture\/Worker: id LP-IAM1 names no finding/m);
    expect(messages).toMatch(
      /^fixture\/Worker\/Policy \[LP-SUP1\] suppression LP-IAM1\[Action::kms:\*\] on fixture\/Worker\/Policy: reason "xxxxxxxxxx" is 10 characters/m,
    );
    // None of them accepted anything: both findings still fail.
    expect(report.suppressed).toEqual([]);
    expect(messages).toContain('(Action::sqs:*)');
    expect(messages).toContain('(Action::kms:*)');
  });

  test('fails the synth when a suppression matches no real finding', () => {
    const { stack, doc } = wildcardStack();
    suppress(doc, [{ id: 'LP-IAM1[Action::s3:*]', reason: 'A finding that does not exist here at all' }]);
    const { errors, report } = check(stack);
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'LP-SUP1', address: '(suppression)', path: 'fixture/Worker/Policy' }));
    expect(errors).toContainEqual({
      level: 'error',
      path: 'fixture/Worker/Policy',
      message: expect.stringMatching(/suppression LP-IAM1\[Action::s3:\*\] on fixture\/Worker\/Policy: matches nothing \(LP-IAM1 reports no such finding/),
    });
  });

  test('fails the synth when a suppression names a rule no pack has', () => {
    const { stack, doc } = wildcardStack();
    suppress(doc, [{ id: 'LP-NOPE9[Thing::x]', reason: 'A rule that does not exist at all anywhere' }]);
    expect(
      check(stack)
        .errors.map((a) => a.message)
        .join('\n'),
    ).toContain('names rule LP-NOPE9, which no pack on fixture has');
  });

  test('refuses a reason that explains nothing, naming the suppression and the problem', () => {
    const { doc } = wildcardStack();
    const refuse = (reason: string, why: RegExp) => expect(() => suppress(doc, [{ id: 'LP-IAM1[Action::sqs:*]', reason }])).toThrow(why);
    refuse('legacy', /on fixture\/Worker\/Policy: reason "legacy" is 6 characters; explain in at least 20/);
    refuse('xxxxxxxxxxxxxxxxxxxxxxxx', /placeholder text|repeats one character/);
    refuse('TBD: explain this one later please', /placeholder text \("TBD"\)/);
    refuse('Accepted for now, will fix later', /placeholder text/);
    refuse('No reason, just because the deadline', /placeholder text/);
    refuse('needed needed needed needed', /too few different letters/);
    refuse('accepted-for-now_2024-01-01', /word\(s\)/);
  });

  test('reasons: any run of one character, or fewer than four words, is refused (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...'abcxyz.-_ '.split('')), fc.integer({ min: 1, max: 60 }), (ch, n) => {
        expect(reasonProblem(ch.repeat(n))).toBeDefined();
      }),
    );
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z]{2,12}$/), { maxLength: 3 }), (words) => expect(reasonProblem(words.join(' '))).toBeDefined()));
    expect(reasonProblem(REASON)).toBeUndefined();
  });

  test('refuses a malformed id', () => {
    const { doc } = wildcardStack();
    expect(() => suppress(doc, [{ id: 'iam wildcard', reason: 'not an id at all, clearly wrong' }])).toThrow(
      /id "iam wildcard" is not a rule id with its finding/,
    );
  });

  test('suppressByPath finds the construct by path, and fails when nothing is at the path', () => {
    const { stack } = wildcardStack();
    suppressByPath(stack, 'Worker/Policy', [
      { id: 'LP-IAM1[Action::sqs:*]', reason: 'Accepted for the test of suppression paths' },
      { id: 'LP-IAM1[Action::kms:*]', reason: 'Accepted for the test of suppression paths' },
    ]);
    expect(check(stack).errors).toEqual([]);
    expect(() => suppressByPath(stack, 'Worker/Nope', [{ id: 'LP-IAM1[Action::sqs:*]', reason: 'Accepted for the test of suppression paths' }])).toThrow(
      /no construct at "Worker\/Nope" below fixture/,
    );
  });
});

describe('suppressions written as metadata in any shape', () => {
  test('a malformed id, a missing reason or a non-object entry is an LP-SUP1 error, never a crash or a pass', () => {
    const { stack, doc } = wildcardStack();
    doc.node.addMetadata(SUPPRESSIONS_METADATA, { id: 'LP-IAM1 [Action::sqs:*]', reason: REASON });
    doc.node.addMetadata(SUPPRESSIONS_METADATA, { id: 'LP-IAM1[Action::kms:*]' });
    doc.node.addMetadata(SUPPRESSIONS_METADATA, 'LP-IAM1');
    const { errors, report } = check(stack);
    const sup = errors.filter((a) => a.message.startsWith('[LP-SUP1]')).map((a) => a.message);
    expect(sup).toEqual([
      expect.stringContaining('is not a rule id with its finding'),
      expect.stringMatching(/reason "" is 0 characters/),
      expect.stringContaining('is not a rule id with its finding'),
    ]);
    expect(report.suppressed).toEqual([]);
  });
});
