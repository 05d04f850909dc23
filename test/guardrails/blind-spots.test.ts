import { TerraformVariable } from 'cdktf';
import { fixtureStack, rawData, rawResource, TestType, validate } from './helpers';

const ORG = 'https://acme.okta.com';
const finding = (message: string) => /\(([^)]+)\) on /.exec(message)?.[1];

describe('LP-OKTA6: the Everyone group is every user, by another name', () => {
  test('non-compliant: /groups/<Everyone>/users through okta_everyone_group, a group named Everyone, or a literal', () => {
    const stack = fixtureStack();
    rawData(stack, 'Everyone', 'okta_everyone_group', {});
    rawData(stack, 'ByName', 'okta_group', { name: 'Everyone' });
    rawResource(stack, 'Set', 'okta_resource_set', {
      label: 's',
      resources: [
        `${ORG}/api/v1/groups/\${data.okta_everyone_group.Everyone.id}/users`,
        `${ORG}/api/v1/groups/\${data.okta_group.ByName.id}`,
        `${ORG}/api/v1/groups/everyone/users`,
      ],
    });
    expect(validate(stack, 'LP-OKTA6', TestType.NON_COMPLIANCE).map((a) => finding(a.message))).toEqual([
      `Resource::${ORG}/api/v1/groups/\${data.okta_everyone_group.Everyone.id}/users`,
      `Resource::${ORG}/api/v1/groups/\${data.okta_group.ByName.id}`,
      `Resource::${ORG}/api/v1/groups/everyone/users`,
    ]);
  });
  test('compliant: a managed group and its users', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Group', 'okta_group', { name: 'jml-dept-eng' });
    rawResource(stack, 'Set', 'okta_resource_set', {
      label: 's',
      resources: [`${ORG}/api/v1/groups/\${okta_group.Group.id}`, `${ORG}/api/v1/groups/\${okta_group.Group.id}/users`],
    });
    validate(stack, 'LP-OKTA6', TestType.COMPLIANCE);
  });
});

describe('LP-IAM1/2: documents merged through source_policy_documents / override_policy_documents are read', () => {
  const wildcard = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
  test('non-compliant: a literal JSON document merged into a clean one', () => {
    const stack = fixtureStack();
    rawData(stack, 'Doc', 'aws_iam_policy_document', {
      statement: [{ actions: ['sqs:SendMessage'], resources: ['${aws_sqs_queue.q.arn}'] }],
      source_policy_documents: [wildcard],
    });
    rawData(stack, 'Override', 'aws_iam_policy_document', { override_policy_documents: [wildcard] });
    expect(validate(stack, 'LP-IAM1', TestType.NON_COMPLIANCE).map((a) => [a.path, finding(a.message)])).toEqual([
      ['fixture/Doc', 'Action::s3:*'],
      ['fixture/Override', 'Action::s3:*'],
    ]);
    expect(validate(stack, 'LP-IAM2', TestType.NON_COMPLIANCE)).toHaveLength(2);
  });
  test('a merged document computed in Terraform cannot be read, so it fails as not evaluated', () => {
    const stack = fixtureStack();
    rawData(stack, 'Doc', 'aws_iam_policy_document', {
      source_policy_documents: ['${jsonencode({Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})}'],
    });
    validate(stack, 'LP-IAM1', TestType.ERROR);
  });
  test('compliant: a reference to another policy document, judged where it is declared', () => {
    const stack = fixtureStack();
    rawData(stack, 'Base', 'aws_iam_policy_document', { statement: [{ actions: ['sqs:SendMessage'], resources: ['${aws_sqs_queue.q.arn}'] }] });
    rawData(stack, 'Doc', 'aws_iam_policy_document', { source_policy_documents: ['${data.aws_iam_policy_document.Base.json}'] });
    validate(stack, 'LP-IAM1', TestType.COMPLIANCE);
  });
});

describe('LP-LOG2 LambdaLogGroupDeclared: every function logs to a declared log group', () => {
  test('non-compliant: no log group, and a logging_config naming an undeclared one', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Fn', 'aws_lambda_function', { function_name: 'jml-worker', role: 'r' });
    rawResource(stack, 'Fn2', 'aws_lambda_function', {
      function_name: 'jml-other',
      role: 'r',
      logging_config: { log_format: 'Text', log_group: '/custom/elsewhere' },
    });
    expect(validate(stack, 'LP-LOG2', TestType.NON_COMPLIANCE).map((a) => [a.path, finding(a.message)])).toEqual([
      ['fixture/Fn', 'LogGroup::/aws/lambda/jml-worker'],
      ['fixture/Fn2', 'LogGroup::/custom/elsewhere'],
    ]);
  });
  test('compliant: the default name, or logging_config referencing the declared group', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Logs', 'aws_cloudwatch_log_group', { name: '/aws/lambda/jml-worker', retention_in_days: 30 });
    rawResource(stack, 'Fn', 'aws_lambda_function', { function_name: 'jml-worker', role: 'r' });
    rawResource(stack, 'Fn2', 'aws_lambda_function', { function_name: 'x', role: 'r', logging_config: { log_group: '${aws_cloudwatch_log_group.Logs.name}' } });
    validate(stack, 'LP-LOG2', TestType.COMPLIANCE);
  });
});

describe('LP-OKTA8 OktaGrantsToManagedGroups', () => {
  test('non-compliant: an app assigned to a literal group id, a group rule into Everyone', () => {
    const stack = fixtureStack();
    rawData(stack, 'Everyone', 'okta_everyone_group', {});
    rawResource(stack, 'Assign', 'okta_app_group_assignment', { app_id: 'a', group_id: '00g1literal' });
    rawResource(stack, 'Rule', 'okta_group_rule', { name: 'r', expression_value: 'true', group_assignments: ['${data.okta_everyone_group.Everyone.id}'] });
    expect(validate(stack, 'LP-OKTA8', TestType.NON_COMPLIANCE).map((a) => finding(a.message))).toEqual([
      'Group::00g1literal',
      'Group::${data.okta_everyone_group.Everyone.id}',
    ]);
  });
  test('compliant: grants to a group the stack declares', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Group', 'okta_group', { name: 'g' });
    rawResource(stack, 'Assign', 'okta_app_group_assignment', { app_id: 'a', group_id: '${okta_group.Group.id}' });
    validate(stack, 'LP-OKTA8', TestType.COMPLIANCE);
  });
});

describe('LP-IAM5 LambdaInvokeScoped and LP-SN1 ServiceNowAccessScoped', () => {
  test('non-compliant: any principal, a service without source_arn, an open function URL', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Any', 'aws_lambda_permission', { action: 'lambda:InvokeFunction', function_name: 'f', principal: '*' });
    rawResource(stack, 'Api', 'aws_lambda_permission', { action: 'lambda:InvokeFunction', function_name: 'f', principal: 'apigateway.amazonaws.com' });
    rawResource(stack, 'Url', 'aws_lambda_function_url', { function_name: 'f', authorization_type: 'NONE' });
    expect(validate(stack, 'LP-IAM5', TestType.NON_COMPLIANCE).map((a) => finding(a.message))).toEqual([
      'Principal::*',
      'SourceArn::missing',
      'AuthorizationType::NONE',
    ]);
  });
  test('non-compliant: an ACL without a role, an elevated role, a record granting a role, a public password property', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Acl', 'servicenow_acl', { name: 'sc_req_item', operation: 'read', type: 'record' });
    rawResource(stack, 'Role', 'servicenow_role', { suffix: 'x', elevated_privilege: true });
    rawResource(stack, 'Grant', 'servicenow_record', { table: 'sys_user_has_role', fields: { role: 'admin' } });
    rawResource(stack, 'Prop', 'servicenow_system_property', { suffix: 's', type: 'password2', is_private: false, read_roles: 'itil' });
    expect(validate(stack, 'LP-SN1', TestType.NON_COMPLIANCE).map((a) => finding(a.message))).toEqual([
      'Roles::none',
      'ElevatedPrivilege::true',
      'Table::sys_user_has_role',
      'Private::false',
      'read_roles::itil',
    ]);
  });
});

describe('secrets rules', () => {
  test('LP-SEC3: credentials in a URL, a secret-named tag or environment variable, a token shape; never the value', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Fn', 'aws_lambda_function', {
      function_name: 'f',
      role: 'r',
      environment: { variables: { OKTA_API_TOKEN: 'not-a-reference', SERVICENOW_URL: 'https://admin:hunter2@x.service-now.com' } },
      tags: { 'db-password': 'hunter3', owner: 'team' },
    });
    const found = validate(stack, 'LP-SEC3', TestType.NON_COMPLIANCE);
    expect(found.map((a) => finding(a.message)).sort()).toEqual([
      'Literal::environment.variables.OKTA_API_TOKEN',
      'Literal::tags.db-password',
      'UrlPassword::environment.variables.SERVICENOW_URL',
    ]);
    expect(found.map((a) => a.message).join('\n')).not.toMatch(/hunter|not-a-reference/);
  });
  test('LP-SEC3: references and sensitive() are not secrets in clear', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Fn', 'aws_lambda_function', {
      function_name: 'f',
      role: 'r',
      environment: { variables: { OKTA_API_TOKEN: '${var.token}', SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' } },
    });
    validate(stack, 'LP-SEC3', TestType.COMPLIANCE);
  });
  test('LP-SEC4: a secret version from a sensitive variable without default passes; a plain variable does not', () => {
    const stack = fixtureStack();
    new TerraformVariable(stack, 'secret', { type: 'string', sensitive: true });
    new TerraformVariable(stack, 'plain', { type: 'string' });
    rawResource(stack, 'Good', 'aws_secretsmanager_secret_version', { secret_id: 's', secret_string: '${var.secret}' });
    rawResource(stack, 'Bad', 'aws_secretsmanager_secret_version', { secret_id: 's', secret_string: '${var.plain}' });
    expect(validate(stack, 'LP-SEC4', TestType.NON_COMPLIANCE).map((a) => [a.path, finding(a.message)])).toEqual([['fixture/Bad', 'secret_string::var.plain']]);
  });
});

describe('LP-IAM6 IamNoPublicPrincipal: no trust or resource policy grants to everyone', () => {
  test('non-compliant: a role anyone may assume, a queue policy for "*", a policy document with principal *', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Role', 'aws_iam_role', {
      assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' } }] }),
    });
    rawResource(stack, 'QueuePolicy', 'aws_sqs_queue_policy', {
      queue_url: 'q',
      policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: '*', Resource: 'arn:aws:sqs:eu-west-1:1:q' }] }),
    });
    rawData(stack, 'Trust', 'aws_iam_policy_document', { statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['*'] }] }] });
    expect(validate(stack, 'LP-IAM6', TestType.NON_COMPLIANCE).map((a) => [a.path, finding(a.message)])).toEqual([
      ['fixture/Role', 'Principal::*'],
      ['fixture/QueuePolicy', 'Principal::*'],
      ['fixture/Trust', 'Principal::*'],
    ]);
  });
  test('compliant: a service principal, and "*" narrowed by a condition', () => {
    const stack = fixtureStack();
    rawData(stack, 'Trust', 'aws_iam_policy_document', {
      statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] }],
    });
    rawResource(stack, 'TopicPolicy', 'aws_sns_topic_policy', {
      arn: 't',
      policy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: '*',
            Resource: 't',
            Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:cloudwatch:eu-west-1:1:alarm:x' } },
          },
        ],
      }),
    });
    validate(stack, 'LP-IAM6', TestType.COMPLIANCE);
  });
});

describe('LP-OKTA6: entries computed in Terraform can name anything', () => {
  test('non-compliant: a for expression over every group, a function call', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Set', 'okta_resource_set', {
      label: 's',
      resources: ['${[for g in data.okta_groups.all.groups : "https://acme.okta.com/api/v1/groups/${g.id}"]}', `${ORG}/api/v1/groups/\${lower(var.group)}`],
    });
    expect(validate(stack, 'LP-OKTA6', TestType.NON_COMPLIANCE)).toHaveLength(2);
  });
});
