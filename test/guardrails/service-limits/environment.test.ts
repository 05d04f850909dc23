import type { TerraformStack } from 'cdktf';
import { annotationsOf } from '../../../guardrails/annotations';
import { exampleWith } from '../../helpers/config';
import { declareForTest, stackJsonOf } from '../../helpers/synth';
import type { EnvironmentStacks } from '../../../stacks/environment-stacks';

/** Service-limit errors of `stack` after a synth with its real aspects (the packs BaseStack registers). */
function limitErrors(stack: TerraformStack): string[] {
  stack.prepareStack();
  stackJsonOf(stack, { validations: true });
  return annotationsOf(stack)
    .filter((a) => a.level === 'error' && a.message.startsWith('[SL-'))
    .map((a) => a.message);
}

describe('service limits on declared environments', () => {
  test('the example environment is within every service limit', () => {
    const { stacks } = declareForTest(exampleWith());
    for (const stack of [stacks.bridge, stacks.identity, stacks.governance!, stacks.privilegedAccess!, stacks.servicenow!]) {
      expect(limitErrors(stack)).toEqual([]);
    }
  });

  test('more departments and roles than Okta has group rules for fail the synth of every shard, with the limit and the fix', () => {
    const config = exampleWith((raw) => {
      raw.identity.shards = 2;
      raw.identity.departments = Array.from({ length: 1001 }, (_, i) => ({ key: `d${i}`, value: `Department ${i}` }));
      raw.identity.roles = Array.from({ length: 1000 }, (_, i) => ({ key: `r${i}`, value: `Role ${i}` }));
      delete raw.governance;
      delete raw.privilegedAccess;
      delete raw.servicenow;
    });
    const { stacks } = declareForTest(config);
    for (const shard of stacks.identity.shards) {
      const [message, ...rest] = limitErrors(shard);
      expect(rest).toEqual([]);
      expect(message).toContain('[SL-OKTA3]');
      expect(message).toContain('PerOrg::2001');
      expect(message).toContain('https://support.okta.com/help/s/article/Group-Rule-Restrictions');
      expect(message).toMatch(/Fix: .*declare fewer birthright departments and roles/);
    }
  });

  /** Each rule fails the synth of the example's real stack once one of its resources is pushed past the limit. */
  test.each([
    ['SL-LAMBDA2', 'bridge', (s: EnvironmentStacks) => s.bridge.functions.worker.resource.addOverride('timeout', 901)],
    ['SL-SQS1', 'bridge', (s: EnvironmentStacks) => s.bridge.queue.resource.addOverride('max_message_size', 2048)],
    [
      'SL-DDB1',
      'bridge',
      (s: EnvironmentStacks) => s.bridge.functions.intake.resource.addOverride('environment.variables.BODY_LIMIT_BYTES', String(1024 * 1024)),
    ],
    [
      'SL-DDB3',
      'bridge',
      (s: EnvironmentStacks) =>
        s.bridge.managedGroups.items[0].addOverride(
          'item',
          JSON.stringify({ pk: { S: 'managed-groups#0' }, names: { S: JSON.stringify(Array.from({ length: 20_000 }, (_, i) => `jml-access-group-${i}`)) } }),
        ),
    ],
    ['SL-APIGW1', 'bridge', (s: EnvironmentStacks) => s.bridge.api.stage.addOverride('default_route_settings.throttling_rate_limit', 20000)],
    [
      'SL-OKTA1',
      'identity',
      (s: EnvironmentStacks) =>
        s.identity.groupScopes[0].resourceSet.addOverride(
          'resources',
          Array.from({ length: 1001 }, (_, i) => `https://example-org.oktapreview.com/api/v1/groups/00g${i}`),
        ),
    ],
    ['SL-OKTA2', 'identity', (s: EnvironmentStacks) => s.identity.departmentGroups.engineering.rule!.addOverride('name', 'r'.repeat(51))],
  ] as const)('%s fails the synth of the %s stack when the example is pushed past its limit', (ruleId, stack, push) => {
    const { stacks } = declareForTest(exampleWith());
    push(stacks);
    expect(limitErrors(stacks[stack])).toEqual([expect.stringContaining(`[${ruleId}]`)]);
  });

  test("a bridge function whose environment outgrows Lambda's 4 KB fails the synth", () => {
    const { stacks } = declareForTest(exampleWith());
    stacks.bridge.functions.worker.resource.addOverride('environment.variables.EXTRA', 'x'.repeat(4096));
    expect(limitErrors(stacks.bridge)).toEqual([expect.stringContaining('[SL-LAMBDA1]')]);
  });
});
