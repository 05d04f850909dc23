import '../helpers/cdktf-matchers';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AdConnection } from '../../.gen/providers/oktapam/ad-connection';
import { AdTaskSettings } from '../../.gen/providers/oktapam/ad-task-settings';
import { AdUserSyncTaskSettings } from '../../.gen/providers/oktapam/ad-user-sync-task-settings';
import { DataOktapamGateways } from '../../.gen/providers/oktapam/data-oktapam-gateways';
import { GatewaySetupToken } from '../../.gen/providers/oktapam/gateway-setup-token';
import { ResourceGroupProject } from '../../.gen/providers/oktapam/resource-group-project';
import { ServerCheckoutSettings } from '../../.gen/providers/oktapam/server-checkout-settings';
import { requestableServerAccessKeys } from '../../config/schema/privileged-access';
import { annotationsOf } from '../../guardrails';
import { PrivilegedAccessStack } from '../../stacks/privileged-access-stack';
import { exampleWith } from '../helpers/config';
import { declareForTest, refTo, resourcesOf, synthJson, synthString, type SynthJson } from '../helpers/synth';

const WHOLE_REF = /^\$\{([a-z_]+(?:\.[A-Za-z0-9_-]+)+)\}$/;

/** The body of `data.<type>.<id>` addressed by a `${data.<type>.<id>.<attr>}` reference. */
function dataAt(json: SynthJson, reference: string): Record<string, any> {
  const [, address] = WHOLE_REF.exec(reference) ?? [];
  const [kind, type, id] = (address ?? '').split('.');
  if (kind !== 'data' || !type || !id || !json.data?.[type]?.[id]) throw new Error(`${reference} is not a reference to a data source of this stack`);
  return json.data[type][id];
}

/** Identity output ids whose value is `${okta_group.<logical id>.<attribute>}`. */
function identityOutputsFor(identity: SynthJson, groupRef: string, attribute: string): string[] {
  const target = groupRef.replace(/\.id\}$/, `.${attribute}}`);
  return Object.entries<any>(identity.output ?? {})
    .filter(([, output]) => output.value === target)
    .map(([id]) => id);
}

describe('PrivilegedAccessStack', () => {
  const config = exampleWith();
  const { stacks } = declareForTest(config);
  const stack = stacks.privilegedAccess as PrivilegedAccessStack;
  const synth = synthString(stack);
  const json = JSON.parse(synth) as SynthJson;
  const governance = synthJson(stacks.governance!);
  const identity = synthJson(stacks.identity);
  const policies = resourcesOf(json, 'oktapam_security_policy_v2');
  const rules = policies.flatMap((policy) => policy.rules.map((rule: any) => ({ policy, rule })));
  const requestableNames = [...requestableServerAccessKeys(config)].map((key) => stacks.identity.serverAccessGroups[key]!.groupName);

  test('pins okta/oktapam 0.7.1 and keeps the API key and secret out of the configuration', () => {
    expect(json.terraform.required_providers).toEqual({
      oktapam: { source: 'okta/oktapam', version: '0.7.1' },
      restful: { source: 'magodo/restful', version: '0.25.2' },
    });
    expect(json.provider.oktapam).toEqual([{ oktapam_team: 'example-team', oktapam_api_host: 'https://example-org.pam.oktapreview.com' }]);
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.privileged-access-example.tfstate' } });
  });

  test('is deployed after the identity and governance stacks', () => {
    expect(stack.dependencies).toEqual(expect.arrayContaining([stacks.identity, stacks.governance]));
  });

  test('every rule grants access only to requestable groups or carries an access request, and requires recording and MFA', () => {
    expect(rules).toHaveLength(5);
    for (const { policy, rule } of rules) {
      const conditions: any[] = rule.conditions;
      expect(conditions).toContainEqual({ gateway: { session_recording: true, traffic_forwarding: true } });
      expect(conditions).toContainEqual({ mfa: expect.objectContaining({ re_auth_frequency_in_seconds: expect.any(Number) }) });
      const accessRequest = conditions.find((c) => c.access_request);
      const principalNames = policy.principals.user_groups.map((ref: string) => dataAt(json, ref).name);
      if (!accessRequest) for (const name of principalNames) expect(requestableNames).toContain(name);
    }
    const breakGlass = rules.find(({ rule }) => rule.name === 'break-glass-root')!.rule;
    expect(breakGlass.conditions).toContainEqual({
      access_request: { request_type_name: 'Break-glass root on production Linux', expires_after_seconds: 3600 },
    });
  });

  test('principals are OPA group lookups linked by reference to the Okta groups the governance stack makes requestable', () => {
    for (const policy of policies) {
      for (const principal of policy.principals.user_groups as string[]) {
        expect(principal).toMatch(/^\$\{data\.oktapam_group\.[^.]+\.id\}$/);
        const lookup = dataAt(json, principal);
        const oktaGroup = refTo(identity, 'okta_group', 'name', lookup.name);
        // The lookup's precondition reads the Okta group's name through the identity stack's remote state.
        const nameOutputs = identityOutputsFor(identity, oktaGroup, 'name');
        expect(nameOutputs).toHaveLength(1);
        expect(lookup.lifecycle.precondition[0].condition).toBe(
          `\${(data.terraform_remote_state.cross-stack-reference-input-identity-example.outputs.${nameOutputs[0]} == "${lookup.name}")}`,
        );
        // The governance stack grants the same Okta group through a request condition, also by reference.
        const idOutputs = identityOutputsFor(identity, oktaGroup, 'id').map(
          (id) => `\${data.terraform_remote_state.cross-stack-reference-input-identity-example.outputs.${id}}`,
        );
        const scoped = resourcesOf(governance, 'okta_request_condition').filter((condition) =>
          condition.access_scope_settings.ids.some((entry: { id: string }) => idOutputs.includes(entry.id)),
        );
        expect(scoped.length).toBeGreaterThan(0);
      }
    }
    expect(synth).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  test('grants the privileges of each rule from config, scoped to its resource group', () => {
    const rdp = rules.find(({ policy, rule }) => policy.name === 'jml-engineering-windows-rdp' && rule.name === 'rdp-local-administrator')!;
    expect(rdp.policy.resource_group).toBe(refTo(json, 'oktapam_resource_group', 'name', 'jml-engineering'));
    expect(rdp.rule.privileges).toEqual([{ password_checkout_rdp: { password_checkout_rdp: true } }]);
    expect(rdp.rule.resource_selector.server_based_resource.selectors).toEqual([
      {
        server_label: {
          server_selector: { labels: { 'system.os_type': 'windows' } },
          account_selector_type: 'username',
          account_selector: { usernames: ['Administrator'] },
        },
      },
    ]);
    expect(rdp.rule.conditions).toContainEqual({ mfa: { re_auth_frequency_in_seconds: 0, acr_values: 'urn:okta:loa:2fa:any' } });
    const ssh = rules.find(({ rule }) => rule.name === 'ssh-admin')!.rule;
    expect(ssh.privileges).toEqual([{ principal_account_ssh: { principal_account_ssh: true, admin_level_permissions: true } }]);
    expect(ssh.resource_selector.server_based_resource.selectors[0].server_label.account_selector_type).toBe('none');
    for (const policy of policies) expect(policy).toMatchObject({ active: true, type: 'default' });
  });

  test('rotates managed account passwords on the configured period with the configured complexity', () => {
    const settings = resourcesOf(json, 'oktapam_password_settings');
    expect(settings).toHaveLength(3);
    const byProject = (name: string) => settings.find((s) => s.project === refTo(json, 'oktapam_resource_group_project', 'name', name))!;
    expect(byProject('windows-prod')).toEqual({
      resource_group: refTo(json, 'oktapam_resource_group', 'name', 'jml-engineering'),
      project: expect.any(String),
      enable_periodic_rotation: true,
      periodic_rotation_duration_in_seconds: 24 * 3600,
      managed_privileged_accounts: ['Administrator'],
      min_length: 32,
      max_length: 64,
      character_options: { upper_case: true, lower_case: true, digits: true, punctuation: true },
    });
    expect(byProject('linux-prod')).toMatchObject({ periodic_rotation_duration_in_seconds: 12 * 3600, managed_privileged_accounts: ['root'] });
    expect(byProject('windows')).toMatchObject({ min_length: 40, max_length: 64 });
  });

  test('requires checkout of vaulted accounts for the configured duration', () => {
    expect(synth).toHaveResourceWithProperties(ServerCheckoutSettings, { checkout_required: true, checkout_duration_in_seconds: 1800 });
    const checkouts = resourcesOf(json, 'oktapam_server_checkout_settings');
    expect(checkouts.map((c) => c.checkout_duration_in_seconds).sort()).toEqual([1800, 3600, 3600]);
    for (const checkout of checkouts) expect(checkout.checkout_required).toBe(true);
  });

  test('declares resource groups with delegated admins, and projects behind the recording gateway', () => {
    expect(resourcesOf(json, 'oktapam_resource_group')).toEqual([
      {
        name: 'jml-engineering',
        description: 'Engineering production servers, Windows (AD-joined) and Linux.',
        delegated_resource_admin_groups: [expect.stringMatching(/^\$\{data\.oktapam_group\.Group-eng-windows-prod_Lookup_[0-9A-F]+\.id\}$/)],
      },
      { name: 'jml-finance', description: expect.any(String), delegated_resource_admin_groups: [expect.stringContaining('Group-finance-windows')] },
    ]);
    expect(synth).toHaveResourceWithProperties(ResourceGroupProject, {
      name: 'windows-prod',
      resource_group: refTo(json, 'oktapam_resource_group', 'name', 'jml-engineering'),
      gateway_selector: 'env=prod,role=session-recording',
    });
    expect(resourcesOf(json, 'oktapam_resource_group_server_enrollment_token')).toHaveLength(3);
  });

  test('enrolls the gateway with a labelled setup token and finds it by exact name, never by a typed id', () => {
    expect(synth).toHaveResourceWithProperties(GatewaySetupToken, { labels: { env: 'prod', role: 'session-recording' } });
    expect(synth).toHaveDataSourceWithProperties(DataOktapamGateways, { contains: 'gw-recording-eu-west-1' });
    const [connection] = resourcesOf(json, 'oktapam_ad_connection');
    expect(connection.gateway_id).toMatch(
      /^\$\{one\(\[for gateway in data\.oktapam_gateways\.Gateway_Lookup_[0-9A-F]+\.gateways : gateway\.id if gateway\.name == "gw-recording-eu-west-1"\]\)\}$/,
    );
    expect(connection.lifecycle.precondition[0]).toEqual({
      condition: expect.stringMatching(/^\$\{length\(\[for gateway in .* == "gw-recording-eu-west-1"\]\) == 1\}$/),
      error_message: expect.stringContaining('enroll it with the gateway_setup_token output first'),
    });
  });

  test('connects AD with a password from a sensitive variable and enrolls discovered servers into their projects', () => {
    expect(synth).toHaveResourceWithProperties(AdConnection, {
      name: 'ad-corp.example.com',
      domain: 'corp.example.com',
      service_account_username: 'svc-opa-discovery@corp.example.com',
      service_account_password: '${var.ad_service_account_password}',
    });
    expect(json.variable.ad_service_account_password).toEqual({
      type: 'string',
      sensitive: true,
      nullable: false,
      description: expect.stringContaining('TF_VAR_ad_service_account_password'),
    });
    expect(synth).toHaveResourceWithProperties(AdTaskSettings, {
      is_active: true,
      frequency: 24,
      start_hour_utc: 2,
      rule_assignments: [
        {
          project_id: refTo(json, 'oktapam_resource_group_project', 'name', 'windows-prod'),
          base_dn: 'OU=Production,OU=Servers,DC=corp,DC=example,DC=com',
          ldap_query_filter: '(&(objectClass=computer)(operatingSystem=Windows Server*))',
          priority: 1,
        },
        {
          project_id: refTo(json, 'oktapam_resource_group_project', 'name', 'windows'),
          base_dn: 'OU=Finance,OU=Servers,DC=corp,DC=example,DC=com',
          ldap_query_filter: '(objectClass=computer)',
          priority: 2,
        },
      ],
    });
    expect(synth).toHaveResourceWithProperties(AdUserSyncTaskSettings, { is_active: true, base_dn: 'OU=Staff,DC=corp,DC=example,DC=com', frequency: 24 });
  });

  test('outputs tokens only as sensitive values, and every id the OPA API steps of the README need', () => {
    expect(Object.keys(json.output).sort()).toEqual([
      'ad_connection_id',
      'gateway_config',
      'gateway_id',
      'gateway_setup_token',
      'opa_group_ids',
      'project_ids',
      'resource_group_ids',
      'security_policy_ids',
      'server_enrollment_tokens',
      'team',
    ]);
    expect(json.output.gateway_setup_token.sensitive).toBe(true);
    expect(json.output.server_enrollment_tokens.sensitive).toBe(true);
    expect(json.output.server_enrollment_tokens.value.engineering['linux-prod']).toMatch(/^\$\{oktapam_resource_group_server_enrollment_token\..*\.token\}$/);
    for (const [id, output] of Object.entries<any>(json.output)) {
      expect(output.description).toEqual(expect.any(String));
      if (/\.token\}|var\.ad_service_account_password/.test(JSON.stringify(output.value))) expect([id, output.sensitive]).toEqual([id, true]);
    }
    expect(json.output.team.value).toBe('example-team');
    expect(json.output.project_ids.value.engineering['windows-prod']).toBe(refTo(json, 'oktapam_resource_group_project', 'name', 'windows-prod'));
  });

  test('the provider schema snapshot marks every token and the AD password sensitive, so plans redact them', () => {
    const snapshot = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/oktapam-0.7.1.schema.json'), 'utf8'));
    const resources = snapshot.provider_schemas['registry.terraform.io/okta/oktapam'].resource_schemas;
    expect(resources.oktapam_gateway_setup_token.block.attributes.token.sensitive).toBe(true);
    expect(resources.oktapam_resource_group_server_enrollment_token.block.attributes.token.sensitive).toBe(true);
    expect(resources.oktapam_ad_connection.block.attributes.service_account_password.sensitive).toBe(true);
  });

  test('passes the least-privilege guardrails with no suppression', () => {
    const findings = annotationsOf(stack).filter((a) => a.level !== 'info');
    expect(findings).toEqual([]);
  });

  test('without an AD section it declares no AD connection and asks for no password', () => {
    const noAd = exampleWith((raw) => {
      delete raw.privilegedAccess.activeDirectory;
      delete raw.privilegedAccess.adAccounts;
      for (const group of raw.privilegedAccess.resourceGroups) {
        for (const project of group.projects) {
          delete project.adDiscovery;
          delete project.adAccountPasswords;
        }
      }
    });
    const other = synthJson(declareForTest(noAd).stacks.privilegedAccess!);
    expect(other.resource?.oktapam_ad_connection).toBeUndefined();
    expect(other.variable).toBeUndefined();
    expect(other.output.ad_connection_id).toBeUndefined();
  });

  test('fails when the environment has no privilegedAccess section', () => {
    const app = declareForTest(exampleWith()).app;
    const config = exampleWith((raw) => delete raw.privilegedAccess);
    expect(() => new PrivilegedAccessStack(app, { config: { ...config, name: 'nopam' }, identity: stacks.identity })).toThrow(
      /environment "nopam" has no privilegedAccess section; declare one or do not create the privileged-access stack/,
    );
  });

  test('matches the snapshot of the example environment', () => {
    expect(json).toMatchSnapshot();
  });
});
