import { isWildcardResource } from '../../guardrails/rules/iam/IamNoWildcardResources';
import { fixtureStack, rawData, rawResource, TestType, validate } from './helpers';

const queueArn = '${aws_sqs_queue.Jobs.arn}';

describe('LP-IAM1 IamNoWildcardActions: allow statements name their actions', () => {
  test('compliant: named actions in a policy document and in a JSON policy; wildcards in Deny are fine', () => {
    const stack = fixtureStack();
    rawData(stack, 'Doc', 'aws_iam_policy_document', {
      statement: [
        { effect: 'Allow', actions: ['sqs:SendMessage'], resources: [queueArn] },
        { effect: 'Deny', actions: ['*'], resources: ['*'] },
      ],
    });
    rawResource(stack, 'Inline', 'aws_iam_role_policy', {
      role: 'r',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '${aws_dynamodb_table.T.arn}' }] }),
    });
    rawResource(stack, 'FromDoc', 'aws_iam_role_policy', { role: 'r', policy: '${data.aws_iam_policy_document.Doc.json}' });
    validate(stack, 'LP-IAM1', TestType.COMPLIANCE);
  });
  test('non-compliant: sqs:*, s3:Get* and NotAction', () => {
    const stack = fixtureStack();
    rawData(stack, 'Doc', 'aws_iam_policy_document', { statement: [{ actions: ['sqs:*', 's3:Get*'], resources: [queueArn] }] });
    rawResource(stack, 'Policy', 'aws_iam_policy', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }] }) });
    const found = validate(stack, 'LP-IAM1', TestType.NON_COMPLIANCE)
      .map((a) => a.message)
      .join('\n');
    expect(found).toContain('Action::sqs:*');
    expect(found).toContain('Action::s3:Get*');
    expect(found).toContain('NotAction::iam:*');
  });
  test('error: a policy that is neither JSON nor a document reference is reported, not passed', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Policy', 'aws_iam_policy', { policy: '${jsonencode({Statement = []})} trailing' });
    validate(stack, 'LP-IAM1', TestType.ERROR);
  });
});

describe('LP-IAM2 IamNoWildcardResources: allow statements name their resources', () => {
  test('compliant: references, and parts of one named resource', () => {
    const stack = fixtureStack();
    rawData(stack, 'Doc', 'aws_iam_policy_document', {
      statement: [
        {
          actions: ['logs:PutLogEvents'],
          resources: ['${aws_cloudwatch_log_group.L.arn}:*', queueArn, 'arn:aws:dynamodb:eu-west-1:123456789012:table/jml/index/*'],
        },
      ],
    });
    validate(stack, 'LP-IAM2', TestType.COMPLIANCE);
  });
  test('non-compliant: "*", every table, and NotResource', () => {
    const stack = fixtureStack();
    rawData(stack, 'Doc', 'aws_iam_policy_document', {
      statement: [
        { actions: ['sqs:SendMessage'], resources: ['*'] },
        { actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:eu-west-1:123456789012:table/*'] },
        { actions: ['s3:GetObject'], not_resources: ['arn:aws:s3:::secret/*'] },
      ],
    });
    expect(validate(stack, 'LP-IAM2', TestType.NON_COMPLIANCE)).toHaveLength(3);
  });
  test('classifies resources', () => {
    expect(isWildcardResource('arn:aws:lambda:eu-west-1:123456789012:function:*')).toBe(true);
    expect(isWildcardResource('arn:aws:sqs:eu-west-1:*:jobs')).toBe(true);
    expect(isWildcardResource('arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/jml:*')).toBe(false);
    expect(isWildcardResource('${aws_sqs_queue.q.arn}')).toBe(false);
  });
});

describe('LP-IAM3 IamNoAwsManagedPolicies: roles carry policies written for them', () => {
  test('compliant: a customer policy attached', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Attach', 'aws_iam_role_policy_attachment', { role: 'r', policy_arn: '${aws_iam_policy.P.arn}' });
    validate(stack, 'LP-IAM3', TestType.COMPLIANCE);
  });
  test('non-compliant (warning): an AWS managed policy attached', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Attach', 'aws_iam_role_policy_attachment', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess' });
    const [found] = validate(stack, 'LP-IAM3', TestType.NON_COMPLIANCE);
    expect(found.level).toBe('warning');
    expect(found.message).toContain('Policy::AmazonSQSReadOnlyAccess');
  });
});

describe('LP-IAM4 IamNoAdministratorPolicies: no AWS managed administrator policy', () => {
  test("compliant: a narrow managed policy is LP-IAM3's warning, not this error", () => {
    const stack = fixtureStack();
    rawResource(stack, 'Attach', 'aws_iam_role_policy_attachment', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess' });
    validate(stack, 'LP-IAM4', TestType.COMPLIANCE);
  });
  test('non-compliant (error): AdministratorAccess on an attachment, PowerUserAccess in managed_policy_arns', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Attach', 'aws_iam_role_policy_attachment', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    rawResource(stack, 'Role', 'aws_iam_role', { assume_role_policy: '{}', managed_policy_arns: ['arn:aws:iam::aws:policy/PowerUserAccess'] });
    const found = validate(stack, 'LP-IAM4', TestType.NON_COMPLIANCE);
    expect(found.map((a) => [a.level, a.path, /\(([^)]+)\)/.exec(a.message)?.[1]])).toEqual([
      ['error', 'fixture/Attach', 'Policy::AdministratorAccess'],
      ['error', 'fixture/Role', 'Policy::PowerUserAccess'],
    ]);
    expect(validate(stack, 'LP-IAM3', TestType.COMPLIANCE)).toEqual([]);
  });
});

describe('LP-DDB1 DynamoDbPointInTimeRecovery: tables keep point-in-time recovery', () => {
  test('compliant: enabled', () => {
    const stack = fixtureStack();
    rawResource(stack, 'T', 'aws_dynamodb_table', { name: 't', point_in_time_recovery: { enabled: true } });
    validate(stack, 'LP-DDB1', TestType.COMPLIANCE);
  });
  test('non-compliant: missing', () => {
    const stack = fixtureStack();
    rawResource(stack, 'T', 'aws_dynamodb_table', { name: 't' });
    validate(stack, 'LP-DDB1', TestType.NON_COMPLIANCE);
  });
});

describe('LP-DDB2 DynamoDbKmsEncryption: tables encrypt with a KMS key', () => {
  test('compliant: server-side encryption enabled', () => {
    const stack = fixtureStack();
    rawResource(stack, 'T', 'aws_dynamodb_table', { name: 't', server_side_encryption: { enabled: true } });
    validate(stack, 'LP-DDB2', TestType.COMPLIANCE);
  });
  test('non-compliant: disabled', () => {
    const stack = fixtureStack();
    rawResource(stack, 'T', 'aws_dynamodb_table', { name: 't', server_side_encryption: { enabled: false } });
    validate(stack, 'LP-DDB2', TestType.NON_COMPLIANCE);
  });
});

describe('LP-SQS1 SqsHasDeadLetterQueue: every queue has a dead-letter queue or is one', () => {
  test('compliant: a FIFO queue redriving to its DLQ, and the DLQ itself', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Dlq', 'aws_sqs_queue', { name: 'jobs-dlq.fifo', fifo_queue: true });
    rawResource(stack, 'Jobs', 'aws_sqs_queue', {
      name: 'jobs.fifo',
      fifo_queue: true,
      redrive_policy: JSON.stringify({ deadLetterTargetArn: '${aws_sqs_queue.Dlq.arn}', maxReceiveCount: 5 }),
    });
    validate(stack, 'LP-SQS1', TestType.COMPLIANCE);
  });
  test('non-compliant: a queue with no redrive policy that no queue redrives to', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Jobs', 'aws_sqs_queue', { name: 'jobs' });
    expect(validate(stack, 'LP-SQS1', TestType.NON_COMPLIANCE)[0].path).toBe('fixture/Jobs');
  });
});

describe('LP-LOG1 LogRetentionSet: log groups expire their logs', () => {
  test('compliant: 30 days', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Logs', 'aws_cloudwatch_log_group', { name: '/aws/lambda/x', retention_in_days: 30 });
    validate(stack, 'LP-LOG1', TestType.COMPLIANCE);
  });
  test('non-compliant: unset, or 0 (never expire)', () => {
    const stack = fixtureStack();
    rawResource(stack, 'A', 'aws_cloudwatch_log_group', { name: '/a' });
    rawResource(stack, 'B', 'aws_cloudwatch_log_group', { name: '/b', retention_in_days: 0 });
    expect(validate(stack, 'LP-LOG1', TestType.NON_COMPLIANCE)).toHaveLength(2);
  });
});
