import type { TerraformStack } from 'cdktf';
import { fixtureStack, rawData, rawResource, TestType, validate } from './helpers';

const REQUESTABLE = { requestableGroupNames: ['jml-access-eng-linux-prod'] };

/** A security policy with one SSH rule; `conditions` and principals vary per test. */
function policy(stack: TerraformStack, conditions: unknown[], userGroups: string[]) {
  return rawResource(stack, 'Policy', 'oktapam_security_policy_v2', {
    name: 'linux-prod',
    active: true,
    principals: { user_groups: userGroups },
    rules: [
      {
        name: 'ssh',
        resource_type: 'server_based_resource',
        resource_selector: {
          server_based_resource: {
            selectors: [{ server_label: { server_selector: { labels: { env: 'prod' } }, account_selector_type: 'none', account_selector: {} } }],
          },
        },
        privileges: [{ principal_account_ssh: { principal_account_ssh: true, admin_level_permissions: false } }],
        conditions,
      },
    ],
  });
}

const RECORDED = { gateway: { session_recording: true, traffic_forwarding: true } };
const MFA = { mfa: { re_auth_frequency_in_seconds: 3600 } };
const REQUEST = { access_request: { request_type_name: 'server-access', expires_after_seconds: 28800 } };

function withGroup(name: string): TerraformStack {
  const stack = fixtureStack();
  rawData(stack, 'Group', 'oktapam_group', { name });
  policy(stack, [RECORDED, MFA], ['${data.oktapam_group.Group.id}']);
  return stack;
}

describe('LP-PAM1 PamPolicyPrincipalsRequestable: server access goes to requestable, time-bound groups', () => {
  test('compliant: the principal is a requestable server-access group', () => {
    validate(withGroup('jml-access-eng-linux-prod'), 'LP-PAM1', TestType.COMPLIANCE, REQUESTABLE);
  });
  test('compliant: any principal, when the rule requires an access request', () => {
    const stack = fixtureStack();
    policy(stack, [REQUEST, RECORDED, MFA], ['b1d1c1a0-0000-4000-8000-000000000001']);
    validate(stack, 'LP-PAM1', TestType.COMPLIANCE, REQUESTABLE);
  });
  test('non-compliant: a birthright department group, and an id that cannot be traced to a group', () => {
    const found = validate(withGroup('jml-dept-engineering'), 'LP-PAM1', TestType.NON_COMPLIANCE, REQUESTABLE);
    expect(found[0].message).toContain('Rule::ssh/Principal::jml-dept-engineering');
    const stack = fixtureStack();
    policy(stack, [RECORDED, MFA], ['b1d1c1a0-0000-4000-8000-000000000001']);
    expect(validate(stack, 'LP-PAM1', TestType.NON_COMPLIANCE, REQUESTABLE)[0].message).toContain('Principal::b1d1c1a0');
  });
});

describe('LP-PAM2 PamPolicySessionRecording: server access is recorded on the gateway', () => {
  test('compliant: session_recording = true', () => {
    validate(withGroup('jml-access-eng-linux-prod'), 'LP-PAM2', TestType.COMPLIANCE, REQUESTABLE);
  });
  test('non-compliant: no gateway condition, or recording off', () => {
    const stack = fixtureStack();
    policy(stack, [MFA, { gateway: { session_recording: false, traffic_forwarding: true } }], []);
    expect(validate(stack, 'LP-PAM2', TestType.NON_COMPLIANCE)[0].message).toContain('(Rule::ssh)');
  });
});

describe('LP-PAM3 PamPolicyMfa: server access requires MFA', () => {
  test('compliant: an mfa condition', () => {
    validate(withGroup('jml-access-eng-linux-prod'), 'LP-PAM3', TestType.COMPLIANCE, REQUESTABLE);
  });
  test('non-compliant: no mfa condition', () => {
    const stack = fixtureStack();
    policy(stack, [RECORDED], []);
    validate(stack, 'LP-PAM3', TestType.NON_COMPLIANCE);
  });
});

describe('LP-PAM4 PamPasswordRotationBounded: managed passwords rotate within 30 days', () => {
  const base = {
    resource_group: 'rg',
    project: 'p',
    managed_privileged_accounts: ['root'],
    min_length: 16,
    max_length: 32,
    character_options: { digits: true, lower_case: true, upper_case: true, punctuation: true },
  };
  test('compliant: daily rotation', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Passwords', 'oktapam_password_settings', { ...base, enable_periodic_rotation: true, periodic_rotation_duration_in_seconds: 86400 });
    validate(stack, 'LP-PAM4', TestType.COMPLIANCE);
  });
  test('non-compliant: rotation off, and rotation every 90 days', () => {
    const off = fixtureStack();
    rawResource(off, 'Passwords', 'oktapam_password_settings', { ...base, enable_periodic_rotation: false });
    validate(off, 'LP-PAM4', TestType.NON_COMPLIANCE);
    const slow = fixtureStack();
    rawResource(slow, 'Passwords', 'oktapam_password_settings', { ...base, enable_periodic_rotation: true, periodic_rotation_duration_in_seconds: 90 * 86400 });
    validate(slow, 'LP-PAM4', TestType.NON_COMPLIANCE);
  });
});

describe('LP-PAM5 PamCheckoutRequiredBounded: shared accounts need a checkout of at most 8 hours', () => {
  test('compliant: checkout required for one hour', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Checkout', 'oktapam_server_checkout_settings', {
      resource_group: 'rg',
      project: 'p',
      checkout_required: true,
      checkout_duration_in_seconds: 3600,
    });
    validate(stack, 'LP-PAM5', TestType.COMPLIANCE);
  });
  test('non-compliant: checkout not required, and a 24-hour checkout', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Off', 'oktapam_server_checkout_settings', {
      resource_group: 'rg',
      project: 'p',
      checkout_required: false,
      checkout_duration_in_seconds: 3600,
    });
    rawResource(stack, 'Long', 'oktapam_saas_app_checkout_settings', {
      resource_group: 'rg',
      project: 'p',
      checkout_required: true,
      checkout_duration_in_seconds: 86400,
    });
    expect(validate(stack, 'LP-PAM5', TestType.NON_COMPLIANCE).map((a) => a.path)).toEqual(['fixture/Off', 'fixture/Long']);
  });
});
