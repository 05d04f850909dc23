import type { TerraformStack } from 'cdktf';
import { fixtureStack, rawData, rawResource, TestType, validate } from './helpers';

const REQUESTABLE = { requestableGroupNames: ['jml-access-eng-windows-prod'] };
const TEAM = '/v1/teams/example-team';
const CONNECTION = '${data.restful_resource.Conn.output["id"]}';
const RG = '${oktapam_resource_group.Rg.id}';
const PROJECT = '${oktapam_resource_group_project.Project.id}';
const ROTATION = {
  enable_periodic_rotation: true,
  periodic_rotation_account_selector_mode: 'ALL',
  periodic_rotation_duration_in_seconds: 86_400,
  min_length_in_bytes: 32,
  max_length_in_bytes: 64,
};

interface Fixture {
  readonly conditions?: unknown[];
  readonly policy?: boolean;
  readonly rule?: Record<string, unknown>;
  readonly passwords?: Record<string, unknown> | null;
  readonly passwordsReset?: Record<string, unknown>;
}

/** A resource group with one RDP policy, a project, one AD account rule into it, and the project's AD password settings. */
function stackWith(fixture: Fixture = {}): TerraformStack {
  const stack = fixtureStack();
  rawResource(stack, 'Rg', 'oktapam_resource_group', { name: 'jml-engineering' });
  rawResource(stack, 'Project', 'oktapam_resource_group_project', { name: 'windows-prod', resource_group: RG });
  rawData(stack, 'Group', 'oktapam_group', { name: 'jml-access-eng-windows-prod' });
  if (fixture.policy !== false) {
    rawResource(stack, 'Policy', 'oktapam_security_policy_v2', {
      name: 'windows-rdp',
      active: true,
      resource_group: RG,
      principals: { user_groups: ['${data.oktapam_group.Group.id}'] },
      rules: [
        {
          name: 'rdp',
          privileges: [{ principal_account_rdp: { principal_account_rdp: true } }],
          conditions: fixture.conditions ?? [
            { gateway: { session_recording: true, traffic_forwarding: true } },
            { mfa: { re_auth_frequency_in_seconds: 3600 } },
          ],
        },
      ],
    });
  }
  rawResource(stack, 'Rule', 'restful_resource', {
    path: `${TEAM}/resource_assignment/active_directory/${CONNECTION}/rules`,
    read_path: '$(path)/$(body.id)',
    body: {
      name: 'eng-admins',
      rule_type: 'SHARED',
      organizational_units: ['OU=Admins,DC=corp,DC=example,DC=com'],
      enable_initial_password_rotation: true,
      enable_import_okta_users: false,
      resource_group: { id: RG },
      project: { id: PROJECT },
      ...fixture.rule,
    },
  });
  if (fixture.passwords !== null) {
    rawResource(stack, 'Passwords', 'restful_resource', {
      path: `${TEAM}/resource_groups/${RG}/projects/${PROJECT}/active_directory_password_settings`,
      create_method: 'PUT',
      update_method: 'PUT',
      delete_method: 'PUT',
      body: { ...ROTATION, ...fixture.passwords },
      delete_body: fixture.passwordsReset ?? ROTATION,
    });
  }
  return stack;
}

describe('LP-PAM6 PamAdAccountRotationOn: managed AD accounts rotate on takeover and periodically', () => {
  test('compliant: initial rotation, and the project rotates ALL accounts', () => {
    validate(stackWith(), 'LP-PAM6', TestType.COMPLIANCE);
  });
  test('non-compliant: no initial rotation, no password settings for the project, or periodic rotation off', () => {
    expect(validate(stackWith({ rule: { enable_initial_password_rotation: false } }), 'LP-PAM6', TestType.NON_COMPLIANCE)[0]!.message).toContain(
      'Rule::eng-admins/InitialRotation::off',
    );
    expect(validate(stackWith({ passwords: null }), 'LP-PAM6', TestType.NON_COMPLIANCE)[0]!.message).toContain('PasswordSettings::none');
    expect(validate(stackWith({ passwords: { enable_periodic_rotation: false } }), 'LP-PAM6', TestType.NON_COMPLIANCE)[0]!.message).toContain(
      'PasswordSettings::rotation-off',
    );
  });
});

describe('LP-PAM7 PamAdPasswordRotationBounded: AD passwords rotate within 30 days, also after destroy', () => {
  test('compliant: daily rotation of ALL accounts, and a reset body that keeps rotating', () => {
    validate(stackWith(), 'LP-PAM7', TestType.COMPLIANCE);
  });
  test('non-compliant: a 31-day period, a selector that skips accounts, or a reset that turns rotation off', () => {
    expect(
      validate(stackWith({ passwords: { periodic_rotation_duration_in_seconds: 31 * 86_400 } }), 'LP-PAM7', TestType.NON_COMPLIANCE)[0]!.message,
    ).toContain('Body::period-2678400');
    expect(
      validate(stackWith({ passwords: { periodic_rotation_account_selector_mode: 'EXCLUDE' } }), 'LP-PAM7', TestType.NON_COMPLIANCE)[0]!.message,
    ).toContain('Body::selector-EXCLUDE');
    expect(validate(stackWith({ passwordsReset: { enable_periodic_rotation: false } }), 'LP-PAM7', TestType.NON_COMPLIANCE)[0]!.message).toContain(
      'DeleteBody::rotation-off',
    );
  });
});

describe('LP-PAM8 PamAdAccountProjectGuarded: accounts land only where access is requested, recorded and MFA-protected', () => {
  test('compliant: the policy grants to a requestable group through the recording gateway with MFA', () => {
    validate(stackWith(), 'LP-PAM8', TestType.COMPLIANCE, REQUESTABLE);
  });
  test('compliant: standing principals, when the rule requires an access request', () => {
    const conditions = [
      { gateway: { session_recording: true } },
      { mfa: { re_auth_frequency_in_seconds: 0 } },
      { access_request: { request_type_name: 'rdp' } },
    ];
    validate(stackWith({ conditions }), 'LP-PAM8', TestType.COMPLIANCE);
  });
  test('non-compliant: no policy on the resource group, or a policy rule without request, recording or MFA', () => {
    expect(validate(stackWith({ policy: false }), 'LP-PAM8', TestType.NON_COMPLIANCE, REQUESTABLE)[0]!.message).toContain('Rule::eng-admins/Policy::none');
    const message = validate(stackWith({ conditions: [] }), 'LP-PAM8', TestType.NON_COMPLIANCE)
      .map((finding) => finding.message)
      .join('\n');
    expect(message).toContain('Policy::windows-rdp/Rule::rdp/Principal::jml-access-eng-windows-prod/AccessRequest::none');
    expect(message).toContain('Policy::windows-rdp/Rule::rdp/SessionRecording::off');
    expect(message).toContain('Policy::windows-rdp/Rule::rdp/Mfa::none');
  });
  test('the rule order may rank only AD account rules of the stack', () => {
    const ordered = (ruleIds: string[]) => {
      const stack = stackWith();
      const op = rawResource(stack, 'Order', 'restful_operation', {
        path: `${TEAM}/resource_assignment/active_directory/${CONNECTION}/rules/reorder`,
        method: 'POST',
      });
      op.addOverride(
        'body',
        ruleIds.map((rule_id, i) => ({ rule_id, priority: i + 1 })),
      );
      return stack;
    };
    validate(ordered(['${restful_resource.Rule.output["id"]}']), 'LP-PAM8', TestType.COMPLIANCE, REQUESTABLE);
    const found = validate(
      ordered(['${restful_resource.Rule.output["id"]}', '8d6b2c1e-0000-4000-8000-000000000001']),
      'LP-PAM8',
      TestType.NON_COMPLIANCE,
      REQUESTABLE,
    );
    expect(found[0]!.message).toContain('Order::8d6b2c1e');
  });
});

describe('LP-PAM8 also judges the AD connection lookup', () => {
  const lookup = (method?: string) => {
    const stack = fixtureStack();
    rawData(stack, 'Conn', 'restful_resource', {
      id: `${TEAM}/connections/active_directory`,
      selector: 'list.#(domain=="corp.example.com")',
      ...(method ? { method } : {}),
    });
    return stack;
  };
  test('compliant: a GET of the connections list', () => {
    validate(lookup(), 'LP-PAM8', TestType.COMPLIANCE);
    validate(lookup('GET'), 'LP-PAM8', TestType.COMPLIANCE);
  });
  test('non-compliant: a POST through the data source', () => {
    expect(validate(lookup('POST'), 'LP-PAM8', TestType.NON_COMPLIANCE)[0]!.message).toContain('Lookup::method-POST');
  });
});

describe('LP-PAM9 PamAdAccountMatchingStrict: individual accounts match their owner on an exact attribute', () => {
  const settings = (body: Record<string, unknown>, reset: Record<string, unknown> = body) => {
    const stack = stackWith();
    rawResource(stack, 'Settings', 'restful_resource', {
      path: `${TEAM}/resource_assignment/active_directory/${CONNECTION}/rule_settings`,
      create_method: 'POST',
      delete_method: 'POST',
      body,
      delete_body: reset,
    });
    return stack;
  };
  const exact = { is_configured: true, matching_criteria: { username: true, email: false }, partial_matching_criteria: [], allow_partial_matches: false };
  test('compliant: username must match, and destroy restores that', () => {
    validate(settings(exact), 'LP-PAM9', TestType.COMPLIANCE);
  });
  test('non-compliant: only partial matches, or a reset that leaves the settings unconfigured', () => {
    const loose = { ...exact, matching_criteria: { username: false }, allow_partial_matches: true };
    expect(validate(settings(loose), 'LP-PAM9', TestType.NON_COMPLIANCE)[0]!.message).toContain('Body::no-exact-criterion');
    expect(validate(settings(exact, { is_configured: false }), 'LP-PAM9', TestType.NON_COMPLIANCE)[0]!.message).toContain('DeleteBody::unconfigured');
  });
});

describe('restful elements at other paths are judged by no AD-account rule (deny by default refuses them)', () => {
  test('a restful_resource at an unknown OPA path is not applicable to LP-PAM6-9', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Other', 'restful_resource', { path: `${TEAM}/security_policies`, body: { name: 'x' } });
    for (const id of ['LP-PAM6', 'LP-PAM7', 'LP-PAM8', 'LP-PAM9']) validate(stack, id, TestType.COMPLIANCE);
  });
});
