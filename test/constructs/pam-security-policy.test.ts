import '../helpers/cdktf-matchers';
import { Testing } from 'cdktf';
import { SecurityPolicyV2 } from '../../.gen/providers/oktapam/security-policy-v2';
import { MAX_RULES, PamSecurityPolicy, toPrivileges, type PamPolicyRuleProps, type PamSecurityPolicyProps } from '../../constructs/pam-security-policy';

const RULE: PamPolicyRuleProps = {
  name: 'rdp',
  serverLabels: { 'system.os_type': 'windows' },
  privileges: ['principal-account-rdp'],
  mfa: { reAuthFrequencySeconds: 900 },
};

function props(change: Partial<PamSecurityPolicyProps> = {}): PamSecurityPolicyProps {
  return { name: 'p', resourceGroupId: 'rg-id', principalGroupIds: ['group-id'], rules: [RULE], ...change };
}

describe('PamSecurityPolicy', () => {
  test('always adds gateway recording with traffic forwarding and MFA, and an access request only when given', () => {
    const synth = Testing.synthScope((scope) => {
      new PamSecurityPolicy(scope, 'Plain', props());
      new PamSecurityPolicy(scope, 'Requested', props({ name: 'q', rules: [{ ...RULE, accessRequest: { requestTypeName: 'RDP', requestTypeId: 'rt-1' } }] }));
    });
    expect(synth).toHaveResourceWithProperties(SecurityPolicyV2, {
      name: 'p',
      active: true,
      resource_group: 'rg-id',
      principals: { user_groups: ['group-id'] },
      rules: [
        expect.objectContaining({
          resource_type: 'server_based_resource',
          conditions: [{ gateway: { session_recording: true, traffic_forwarding: true } }, { mfa: { re_auth_frequency_in_seconds: 900 } }],
        }),
      ],
    });
    expect(synth).toHaveResourceWithProperties(SecurityPolicyV2, {
      name: 'q',
      rules: [expect.objectContaining({ conditions: expect.arrayContaining([{ access_request: { request_type_name: 'RDP', request_type_id: 'rt-1' } }]) })],
    });
  });

  test('maps each privilege to its own element, with admin level on principal-account privileges only', () => {
    expect(toPrivileges(['principal-account-rdp', 'principal-account-ssh', 'password-checkout-rdp', 'password-checkout-ssh', 'reveal-password'], true)).toEqual(
      [
        { principalAccountRdp: { principalAccountRdp: true, adminLevelPermissions: true } },
        { principalAccountSsh: { principalAccountSsh: true, adminLevelPermissions: true } },
        { passwordCheckoutRdp: { passwordCheckoutRdp: true } },
        { passwordCheckoutSsh: { passwordCheckoutSsh: true } },
        { revealPassword: { revealPassword: true } },
      ],
    );
  });

  test('fails listing every problem: no principals, duplicate rules, vaulted privileges without accounts, bad MFA frequency', () => {
    const build = () =>
      Testing.synthScope((scope) => {
        new PamSecurityPolicy(
          scope,
          'Bad',
          props({
            principalGroupIds: [],
            rules: [RULE, { ...RULE, privileges: ['password-checkout-rdp'], mfa: { reAuthFrequencySeconds: 90_000 } }],
          }),
        );
      });
    expect(build).toThrow(/PamSecurityPolicy .*Bad initialization failed due to the following validation error\(s\):/);
    expect(build).toThrow(/- principalGroupIds is empty: a policy with no principals grants nothing/);
    expect(build).toThrow(/- rule name "rdp" is used twice; give each rule a unique name/);
    expect(build).toThrow(/- rule "rdp" re-authenticates every 90000 seconds but must use a whole number from 0 to 86400/);
    expect(build).toThrow(/- rule "rdp" grants password-checkout-rdp but names no account; list the vaulted accounts/);
  });

  test(`fails with no rules or more than ${MAX_RULES}`, () => {
    const many = Array.from({ length: MAX_RULES + 1 }, (_, i) => ({ ...RULE, name: `r${i}` }));
    expect(() => Testing.synthScope((scope) => new PamSecurityPolicy(scope, 'Many', props({ rules: many })))).toThrow(
      /rules has 21 rules but must have between 1 and 20/,
    );
    expect(() => Testing.synthScope((scope) => new PamSecurityPolicy(scope, 'None', props({ rules: [] })))).toThrow(/rules has 0 rules/);
  });
});
