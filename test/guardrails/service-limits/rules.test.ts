import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { LIMITS } from '../../../guardrails/rules/limits/documented-limits';
import { environmentBytes, REFERENCE_ESTIMATE_BYTES } from '../../../guardrails/rules/limits/lambda';
import { fixtureStack, rawResource } from '../helpers';
import { oktaOrgCountWithinLimit } from '../../../guardrails/rules/limits/okta';
import { findingsOf, findingsOfDefinition } from './helpers';

/** A Lambda function whose variables total exactly `bytes` (names and values). */
function lambdaWithEnvironment(stack: TerraformStack, bytes: number): void {
  const name = 'BRIDGE_DATA';
  rawResource(stack, 'Fn', 'aws_lambda_function', {
    function_name: 'jml-bridge-example-worker',
    environment: { variables: { [name]: 'x'.repeat(bytes - name.length) } },
  });
}

describe('SL-LAMBDA1 Lambda environment size', () => {
  test('passes at exactly 4 KB and fails one byte over, citing the quota and the fix', () => {
    const at = fixtureStack();
    lambdaWithEnvironment(at, LIMITS.lambdaEnvironmentBytes.value);
    expect(findingsOf(at, 'SL-LAMBDA1')).toEqual([]);
    const over = fixtureStack();
    lambdaWithEnvironment(over, LIMITS.lambdaEnvironmentBytes.value + 1);
    const [message] = findingsOf(over, 'SL-LAMBDA1');
    expect(message).toContain('EnvironmentBytes::4097');
    expect(message).toContain('https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html');
    expect(message).toMatch(/Fix: .*never as variables/);
  });

  test('counts multi-byte characters as bytes and each reference as its estimate', () => {
    expect(environmentBytes({ A: 'é' })).toBe(3);
    expect(environmentBytes({ URL: '${aws_sqs_queue.q.url}/x' })).toBe(3 + 2 + REFERENCE_ESTIMATE_BYTES);
    const stack = fixtureStack();
    rawResource(stack, 'Fn', 'aws_lambda_function', {
      environment: { variables: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`V${i}`, `\${aws_sqs_queue.q${i}.url}`])) },
    });
    expect(findingsOf(stack, 'SL-LAMBDA1')).toHaveLength(1);
  });
});

describe('SL-LAMBDA2 Lambda settings', () => {
  test('passes the largest accepted settings and fails each one beyond them', () => {
    const ok = fixtureStack();
    rawResource(ok, 'Fn', 'aws_lambda_function', { function_name: 'f'.repeat(64), timeout: 900, memory_size: 10240, description: 'd'.repeat(256) });
    expect(findingsOf(ok, 'SL-LAMBDA2')).toEqual([]);
    const bad = fixtureStack();
    rawResource(bad, 'Fn', 'aws_lambda_function', { function_name: 'f'.repeat(65), timeout: 901, memory_size: 64, description: 'd'.repeat(257) });
    const findings = findingsOf(bad, 'SL-LAMBDA2').join('\n');
    for (const finding of ['Timeout::901', 'MemorySize::64', 'FunctionName::65', 'Description::257']) expect(findings).toContain(finding);
  });
});

describe('SL-SQS1 SQS queue attributes', () => {
  test('passes the default size and in-range times, fails sizes SQS refuses or the bridge outgrows', () => {
    const ok = fixtureStack();
    rawResource(ok, 'Q', 'aws_sqs_queue', { visibility_timeout_seconds: 720, message_retention_seconds: 1209600 });
    expect(findingsOf(ok, 'SL-SQS1')).toEqual([]);
    for (const [attributes, finding] of [
      [{ max_message_size: 2 * 1024 * 1024 }, 'MaxMessageSize::2097152'],
      [{ max_message_size: 2048 }, 'MaxMessageSize::2048<4096'],
      [{ visibility_timeout_seconds: 43201 }, 'VisibilityTimeout::43201'],
      [{ message_retention_seconds: 1209601 }, 'MessageRetention::1209601'],
    ] as const) {
      const bad = fixtureStack();
      rawResource(bad, 'Q', 'aws_sqs_queue', attributes);
      expect(findingsOf(bad, 'SL-SQS1').join('\n')).toContain(finding);
    }
  });
});

describe('SL-DDB1 / SL-DDB2 DynamoDB', () => {
  test('an intake body limit that fits an item with its journal passes; a larger one fails', () => {
    const ok = fixtureStack();
    rawResource(ok, 'Fn', 'aws_lambda_function', { environment: { variables: { BODY_LIMIT_BYTES: '65536' } } });
    expect(findingsOf(ok, 'SL-DDB1')).toEqual([]);
    const bad = fixtureStack();
    rawResource(bad, 'Fn', 'aws_lambda_function', { environment: { variables: { BODY_LIMIT_BYTES: String(1024 * 1024) } } });
    expect(findingsOf(bad, 'SL-DDB1').join('\n')).toContain('BodyLimitBytes::1048576');
  });

  test('twenty global secondary indexes pass, twenty-one fail', () => {
    const index = (i: number) => ({ name: `gsi${i}`, hash_key: `k${i}`, projection_type: 'ALL' });
    const ok = fixtureStack();
    rawResource(ok, 'T', 'aws_dynamodb_table', { global_secondary_index: Array.from({ length: 20 }, (_, i) => index(i)) });
    expect(findingsOf(ok, 'SL-DDB2')).toEqual([]);
    const bad = fixtureStack();
    rawResource(bad, 'T', 'aws_dynamodb_table', { global_secondary_index: Array.from({ length: 21 }, (_, i) => index(i)) });
    expect(findingsOf(bad, 'SL-DDB2').join('\n')).toContain('GlobalSecondaryIndexes::21');
  });
});

describe('SL-DDB3 DynamoDB items Terraform writes', () => {
  test('an item of 400 KB passes and a larger one fails', () => {
    const item = (bytes: number) => JSON.stringify({ pk: { S: 'k' }, v: { S: 'x'.repeat(bytes - 29) } });
    expect(Buffer.byteLength(item(400 * 1024))).toBe(400 * 1024);
    const ok = fixtureStack();
    rawResource(ok, 'I', 'aws_dynamodb_table_item', { table_name: 't', hash_key: 'pk', item: item(400 * 1024) });
    expect(findingsOf(ok, 'SL-DDB3')).toEqual([]);
    const bad = fixtureStack();
    rawResource(bad, 'I', 'aws_dynamodb_table_item', { table_name: 't', hash_key: 'pk', item: item(400 * 1024 + 1) });
    expect(findingsOf(bad, 'SL-DDB3').join('\n')).toContain(`ItemBytes::${400 * 1024 + 1}`);
  });
});

describe('SL-APIGW1 API Gateway', () => {
  test('throttling within the account quota and a 30 s integration pass; beyond them fails', () => {
    const ok = fixtureStack();
    rawResource(ok, 'S', 'aws_apigatewayv2_stage', { default_route_settings: { throttling_rate_limit: 10000, throttling_burst_limit: 5000 } });
    rawResource(ok, 'I', 'aws_apigatewayv2_integration', { timeout_milliseconds: 30000 });
    expect(findingsOf(ok, 'SL-APIGW1')).toEqual([]);
    const bad = fixtureStack();
    rawResource(bad, 'S', 'aws_apigatewayv2_stage', { default_route_settings: { throttling_rate_limit: 20000, throttling_burst_limit: 6000 } });
    rawResource(bad, 'I', 'aws_apigatewayv2_integration', { timeout_milliseconds: 30001 });
    const findings = findingsOf(bad, 'SL-APIGW1').join('\n');
    for (const finding of ['ThrottlingRateLimit::20000', 'ThrottlingBurstLimit::6000', 'TimeoutMilliseconds::30001']) expect(findings).toContain(finding);
  });
});

describe('SL-OKTA1 / SL-OKTA2 / SL-OKTA7 per-object Okta limits', () => {
  const groups = (n: number) => Array.from({ length: n }, (_, i) => `https://o.okta.com/api/v1/groups/00g${i}`);

  test('a resource set of 1,000 resources passes and one of 1,001 fails', () => {
    const ok = fixtureStack();
    rawResource(ok, 'Set', 'okta_resource_set', { label: 's', resources: groups(1000) });
    expect(findingsOf(ok, 'SL-OKTA1')).toEqual([]);
    const bad = fixtureStack();
    rawResource(bad, 'Set', 'okta_resource_set', { label: 's', resources: groups(1001) });
    expect(findingsOf(bad, 'SL-OKTA1').join('\n')).toContain('Resources::1001');
  });

  test('a rule named with 50 characters assigning 100 groups passes; 51 characters or 101 groups fail', () => {
    const ok = fixtureStack();
    rawResource(ok, 'R', 'okta_group_rule', { name: 'r'.repeat(50), group_assignments: Array(100).fill('00g1') });
    expect(findingsOf(ok, 'SL-OKTA2')).toEqual([]);
    const bad = fixtureStack();
    rawResource(bad, 'R', 'okta_group_rule', { name: 'r'.repeat(51), group_assignments: Array(101).fill('00g1') });
    const findings = findingsOf(bad, 'SL-OKTA2').join('\n');
    expect(findings).toContain(`Name::${'r'.repeat(51)}`);
    expect(findings).toContain('GroupAssignments::101');
  });

  test('1,000 admins on one role and resource set pass, 1,001 fail, reported once', () => {
    const assignments = (stack: TerraformStack, n: number) => {
      for (let i = 0; i < n; i++)
        rawResource(stack, `A${i}`, 'okta_app_oauth_role_assignment', { client_id: `c${i}`, type: 'CUSTOM', role: 'r1', resource_set: 's1' });
    };
    const ok = fixtureStack();
    assignments(ok, 1000);
    expect(findingsOf(ok, 'SL-OKTA7')).toEqual([]);
    const bad = fixtureStack();
    assignments(bad, 1001);
    expect(findingsOf(bad, 'SL-OKTA7')).toEqual([expect.stringContaining('Admins::1001')]);
  });
});

describe('SL-OKTA3..6 per-org Okta counts', () => {
  /** `n` elements of `type` spread over two stacks of the same org, so only an org-wide count sees the excess. */
  function twoStacksOfOneOrg(type: string, n: number): TerraformStack[] {
    const app = Testing.app();
    return [0, 1].map((s) => {
      const stack = new TerraformStack(app, `stack-${s}`);
      new OktaProvider(stack, 'okta', { orgName: 'acme', baseUrl: 'okta.com' });
      for (let i = s; i < n; i += 2) rawResource(stack, `E${i}`, type, { name: `e${i}` });
      return stack;
    });
  }

  test.each([
    ['SL-OKTA3', 'okta_group_rule', LIMITS.oktaGroupRulesPerOrg.value],
    ['SL-OKTA5', 'okta_admin_role_custom', LIMITS.oktaCustomRolesPerOrg.value],
    ['SL-OKTA6', 'okta_event_hook', LIMITS.oktaEventHooksPerOrg.value],
  ])('%s counts %s over every stack of the org: %i pass, one more fails', (ruleId, type, limit) => {
    for (const stack of twoStacksOfOneOrg(type, limit)) expect(findingsOf(stack, ruleId)).toEqual([]);
    const [first, second] = twoStacksOfOneOrg(type, limit + 1);
    expect(findingsOf(first, ruleId)).toEqual([expect.stringContaining(`PerOrg::${limit + 1}`)]);
    expect(findingsOf(second, ruleId)).toEqual([expect.stringContaining(`PerOrg::${limit + 1}`)]);
  });

  test('SL-OKTA4 judges resource sets per org with the same count (shown with a small limit; the real one is 10,000)', () => {
    const definition = (limit: number) => (inventory: { counts: Parameters<typeof oktaOrgCountWithinLimit>[2] }) => ({
      id: 'T-SETS',
      rule: oktaOrgCountWithinLimit('okta_resource_set', limit, inventory.counts),
      level: 'error' as const,
      info: 'too many sets',
      explanation: 'fewer sets.',
    });
    expect(LIMITS.oktaResourceSetsPerOrg.value).toBe(10000);
    for (const stack of twoStacksOfOneOrg('okta_resource_set', 6)) expect(findingsOfDefinition(stack, definition(6))).toEqual([]);
    for (const stack of twoStacksOfOneOrg('okta_resource_set', 7))
      expect(findingsOfDefinition(stack, definition(6))).toEqual([expect.stringContaining('PerOrg::7')]);
  });

  test('stacks of different orgs do not add up', () => {
    const app = Testing.app();
    const stacks = ['acme', 'globex'].map((org) => {
      const stack = new TerraformStack(app, org);
      new OktaProvider(stack, 'okta', { orgName: org, baseUrl: 'okta.com' });
      for (let i = 0; i < 20; i++) rawResource(stack, `H${i}`, 'okta_event_hook', { name: `h${i}` });
      return stack;
    });
    for (const stack of stacks) expect(findingsOf(stack, 'SL-OKTA6')).toEqual([]);
  });
});

describe('SL-OKTA8 cascading group rules', () => {
  test('rules on profile attributes pass; a rule conditioned on a group another rule assigns fails, by id or reference', () => {
    const ok = fixtureStack();
    rawResource(ok, 'Dept', 'okta_group_rule', { name: 'dept', group_assignments: ['${okta_group.dept.id}'], expression_value: 'user.department=="Eng"' });
    rawResource(ok, 'Other', 'okta_group_rule', {
      name: 'other',
      group_assignments: ['00gOther'],
      expression_value: 'isMemberOfGroup("00gManualOnly") && user.title=="SRE"',
    });
    expect(findingsOf(ok, 'SL-OKTA8')).toEqual([]);

    const bad = fixtureStack();
    rawResource(bad, 'Dept', 'okta_group_rule', {
      name: 'dept',
      group_assignments: ['${okta_group.dept.id}', '00gCalifornia'],
      expression_value: 'user.city=="SF"',
    });
    rawResource(bad, 'ByReference', 'okta_group_rule', {
      name: 'by-reference',
      group_assignments: ['00gEngOnCall'],
      expression_value: 'isMemberOfGroup("${okta_group.dept.id}") && user.title=="SRE"',
    });
    rawResource(bad, 'ById', 'okta_group_rule', {
      name: 'by-id',
      group_assignments: ['00gWestCoast'],
      expression_value: 'isMemberOfAnyGroup("00gCalifornia")',
    });
    const findings = findingsOf(bad, 'SL-OKTA8');
    expect(findings).toHaveLength(2);
    expect(findings.join('\n')).toContain('Cascades::${okta_group.dept.id}');
    expect(findings.join('\n')).toContain('Cascades::00gCalifornia');
    expect(findings[0]).toContain('https://support.okta.com/help/s/article/Group-Rule-Restrictions');
    expect(findings[0]).toMatch(/Fix: .*let one rule assign every group/);
  });
});
