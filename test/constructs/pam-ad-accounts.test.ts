import { TerraformStack, Testing } from 'cdktf';
import { AD_PASSWORD_DEFAULTS } from '../../config/schema/ad-accounts';
import { OpaAdConnectionLookup, OpaRestApi } from '../../constructs/opa-rest-api';
import { PamAdAccountRule } from '../../constructs/pam-ad-account-rule';
import { PamAdPasswordSettings } from '../../constructs/pam-ad-password-settings';
import { PamAdRuleOrder } from '../../constructs/pam-ad-rule-order';
import { PamAdRuleSettings } from '../../constructs/pam-ad-rule-settings';
import { exampleWith } from '../helpers/config';
import { declareForTest, synthJson, stackJsonOf } from '../helpers/synth';

const TEAM = '/v1/teams/example-team';

function declare(build: (stack: TerraformStack, api: OpaRestApi, connectionId: string) => void): Record<string, any> {
  const stack = new TerraformStack(Testing.app(), 'opa');
  const api = new OpaRestApi(stack, 'Api', { team: 'example-team', apiHost: 'https://example.pam.okta.com' });
  const connection = new OpaAdConnectionLookup(stack, 'Connection', { api, domain: 'corp.example.com' });
  build(stack, api, connection.connectionId);
  return stackJsonOf(stack);
}

const only = (json: Record<string, any>, type: string) => Object.values<any>(json.resource?.[type] ?? {});

describe('OPA REST session (OpaRestApi)', () => {
  const json = declare(() => undefined);

  test('exchanges the key for a token in an ephemeral resource on an unauthenticated alias', () => {
    expect(json.ephemeral.restful_resource.opa_service_token).toMatchObject({
      provider: 'restful.opa_token',
      method: 'POST',
      path: `${TEAM}/service_token`,
      body: { key_id: '${var.opa_key_id}', key_secret: '${var.opa_key_secret}' },
      use_sensitive_output: true,
    });
    expect(json.provider.restful).toEqual([
      { alias: 'opa_token', base_url: 'https://example.pam.okta.com' },
      {
        alias: 'opa',
        base_url: 'https://example.pam.okta.com',
        security: { http: { token: { token: '${ephemeral.restful_resource.opa_service_token.sensitive_output.bearer_token}' } } },
        client: { retry: { status_codes: [429], count: 5, wait_in_sec: 5, max_wait_in_sec: 120 } },
      },
    ]);
  });

  test('the key comes from ephemeral, sensitive variables without defaults; nothing secret is in the JSON', () => {
    for (const name of ['opa_key_id', 'opa_key_secret']) {
      expect(json.variable[name]).toEqual({
        type: 'string',
        sensitive: true,
        ephemeral: true,
        nullable: false,
        description: expect.stringContaining(`TF_VAR_${name}`),
      });
    }
    expect(JSON.stringify(json)).not.toMatch(/bearer_token"\s*:|key_secret"\s*:\s*"[^$]/);
  });

  test('a short-lived token or a token of another team stops the run before any change, saying why', () => {
    const [lifetime, team] = json.ephemeral.restful_resource.opa_service_token.lifecycle.postcondition;
    expect(lifetime).toEqual({
      condition: '${timecmp(self.sensitive_output.expires_at, timeadd(timestamp(), "15m")) >= 0}',
      error_message: expect.stringContaining('Re-run'),
    });
    expect(team.condition).toBe('${lower(self.sensitive_output.team_name) == "example-team"}');
  });

  test('the AD connection is looked up by domain with a GET, and its absence is a clear error', () => {
    const [lookup] = Object.values<any>(json.data.restful_resource);
    expect(lookup).toMatchObject({ provider: 'restful.opa', id: `${TEAM}/connections/active_directory`, selector: 'list.#(domain=="corp.example.com")' });
    expect(lookup.method).toBeUndefined();
    expect(lookup.lifecycle.postcondition[0].error_message).toContain('install the Okta AD agent');
  });
});

describe('AD account constructs', () => {
  test('an account rule is POSTed to …/rules, read and PUT at …/rules/<id>, with filters one list per OU', () => {
    const json = declare((stack, api, connectionId) => {
      new PamAdAccountRule(stack, 'Rule', {
        api,
        connectionId,
        name: 'eng-admins',
        type: 'individual',
        organizationalUnits: [
          { dn: 'OU=A,DC=corp,DC=example,DC=com', filters: [{ field: 'account-name', operator: 'starts-with', value: 'adm-' }] },
          { dn: 'OU=B,DC=corp,DC=example,DC=com' },
        ],
        resourceGroupId: 'rg-id',
        projectId: 'project-id',
      });
    });
    const [rule] = only(json, 'restful_resource');
    expect(rule).toMatchObject({
      provider: 'restful.opa',
      read_path: '$(path)/$(body.id)',
      create_method: 'POST',
      update_method: 'PUT',
      delete_method: 'DELETE',
    });
    expect(rule.path).toMatch(/^\/v1\/teams\/example-team\/resource_assignment\/active_directory\/\$\{data\.restful_resource\.[^.]+\.output\["id"\]\}\/rules$/);
    expect(rule.body).toEqual({
      name: 'eng-admins',
      rule_type: 'INDIVIDUAL',
      organizational_units: ['OU=A,DC=corp,DC=example,DC=com', 'OU=B,DC=corp,DC=example,DC=com'],
      enhanced_filters: [[{ field: 'account_name', operator: 'STARTS_WITH', value: 'adm-' }], []],
      enable_initial_password_rotation: true,
      enable_import_okta_users: false,
      resource_group: { id: 'rg-id' },
      project: { id: 'project-id' },
    });
  });

  test('rule settings and project password settings are singletons: destroy writes the defaults back', () => {
    const json = declare((stack, api, connectionId) => {
      new PamAdRuleSettings(stack, 'Settings', {
        api,
        connectionId,
        matchOn: ['username', 'email'],
        partialMatches: [{ operator: 'ends-with', value: '-adm' }],
      });
      new PamAdPasswordSettings(stack, 'Passwords', {
        api,
        resourceGroupId: 'rg-id',
        projectId: 'project-id',
        passwords: {
          rotationPeriodHours: 12,
          minLength: 40,
          maxLength: 64,
          characters: { upperCase: true, lowerCase: true, digits: true, punctuation: false, excludeSymbols: ['"'] },
        },
        defaults: AD_PASSWORD_DEFAULTS,
      });
    });
    const resources = only(json, 'restful_resource');
    const settings = resources.find((r) => r.path.endsWith('/rule_settings'));
    const passwords = resources.find((r) => r.path.endsWith('/active_directory_password_settings'));
    expect(settings).toMatchObject({
      create_method: 'POST',
      update_method: 'POST',
      delete_method: 'POST',
      body: {
        is_configured: true,
        matching_criteria: { username: true, first_and_last_name: false, display_name: false, email: true },
        partial_matching_criteria: [{ operator: 'ENDS WITH', match_value: '-adm' }],
        allow_partial_matches: true,
      },
      delete_body: {
        is_configured: true,
        matching_criteria: { username: true, first_and_last_name: false, display_name: false, email: false },
        partial_matching_criteria: [],
        allow_partial_matches: false,
      },
    });
    expect(settings.path).toMatch(/\/rule_settings$/);
    expect(passwords).toMatchObject({
      path: `${TEAM}/resource_groups/rg-id/projects/project-id/active_directory_password_settings`,
      create_method: 'PUT',
      update_method: 'PUT',
      delete_method: 'PUT',
      body: {
        enable_periodic_rotation: true,
        periodic_rotation_account_selector_mode: 'ALL',
        periodic_rotation_duration_in_seconds: 43_200,
        character_options: { upper_case: true, lower_case: true, digits: true, punctuation: false, exclude_certain_symbols: ['"'] },
        min_length_in_bytes: 40,
        max_length_in_bytes: 64,
      },
      delete_body: { enable_periodic_rotation: true, periodic_rotation_duration_in_seconds: 86_400, min_length_in_bytes: 32, max_length_in_bytes: 64 },
    });
  });

  test('the rule order POSTs a JSON array of { rule_id, priority } in the given order, after the rules exist', () => {
    const json = declare((stack, api, connectionId) => {
      const rule = (name: string) =>
        new PamAdAccountRule(stack, name, {
          api,
          connectionId,
          name,
          type: 'shared',
          organizationalUnits: [{ dn: `OU=${name},DC=corp` }],
          resourceGroupId: 'rg',
          projectId: 'p',
        });
      const [b, a] = [rule('b'), rule('a')];
      new PamAdRuleOrder(stack, 'Order', { api, connectionId, rules: [b, a] });
    });
    const [order] = only(json, 'restful_operation');
    expect(order.method).toBe('POST');
    expect(order.path).toMatch(/\/rules\/reorder$/);
    expect(order.body).toEqual([
      { rule_id: expect.stringMatching(/^\$\{restful_resource\.b_[0-9A-F]+\.output\["id"\]\}$/), priority: 1 },
      { rule_id: expect.stringMatching(/^\$\{restful_resource\.a_[0-9A-F]+\.output\["id"\]\}$/), priority: 2 },
    ]);
    expect(order.depends_on).toHaveLength(2);
    expect(order.delete_method).toBeUndefined();
  });
});

describe('privileged-access stack: AD accounts of the example environment', () => {
  const config = exampleWith();
  const json = synthJson(declareForTest(config).stacks.privilegedAccess!) as Record<string, any>;
  const restful = Object.values<any>(json.resource.restful_resource);
  const rules = restful.filter((r) => r.path.endsWith('/rules'));

  test('declares the rules in config order, each into its project, after the rule settings', () => {
    expect(rules.map((r) => r.body.name).sort()).toEqual(['eng-admin-accounts', 'eng-service-accounts', 'finance-shared-admins']);
    const [order] = Object.values<any>(json.resource.restful_operation);
    const ranked = order.body.map(
      (entry: any) =>
        rules.find((r) => entry.rule_id.includes(Object.keys(json.resource.restful_resource).find((k) => json.resource.restful_resource[k] === r)!))!.body.name,
    );
    expect(ranked).toEqual(['eng-admin-accounts', 'eng-service-accounts', 'finance-shared-admins']);
    const finance = rules.find((r) => r.body.name === 'finance-shared-admins')!;
    expect(finance.body.project.id).toMatch(/^\$\{oktapam_resource_group_project\.ResourceGroup-finance_Project-windows_[0-9A-F]+\.id\}$/);
    for (const rule of rules) expect(rule.depends_on).toEqual([expect.stringMatching(/^restful_resource\.AdAccountRuleSettings_[0-9A-F]+$/)]);
  });

  test('one AD password settings per targeted project, with the project override applied', () => {
    const passwords = restful.filter((r) => r.path.endsWith('/active_directory_password_settings'));
    expect(passwords).toHaveLength(2);
    const finance = passwords.find((p) => p.path.includes('ResourceGroup-finance'))!;
    expect(finance.body).toMatchObject({ periodic_rotation_duration_in_seconds: 12 * 3600, min_length_in_bytes: 40, max_length_in_bytes: 64 });
    const eng = passwords.find((p) => p.path.includes('ResourceGroup-engineering'))!;
    expect(eng.body).toMatchObject({ periodic_rotation_duration_in_seconds: 24 * 3600, min_length_in_bytes: 32 });
  });
});
