import '../helpers/cdktf-matchers';
import { AdminRoleCustom } from '@cdktf/provider-okta/lib/admin-role-custom';
import { AppGroupAssignment } from '@cdktf/provider-okta/lib/app-group-assignment';
import { AppOauth } from '@cdktf/provider-okta/lib/app-oauth';
import { AppOauthApiScope } from '@cdktf/provider-okta/lib/app-oauth-api-scope';
import { AppOauthRoleAssignment } from '@cdktf/provider-okta/lib/app-oauth-role-assignment';
import { DataOktaApp } from '@cdktf/provider-okta/lib/data-okta-app';
import { EventHook } from '@cdktf/provider-okta/lib/event-hook';
import { Group } from '@cdktf/provider-okta/lib/group';
import { GroupRule } from '@cdktf/provider-okta/lib/group-rule';
import { ResourceSet } from '@cdktf/provider-okta/lib/resource-set';
import { STANDARD_ADMIN_ROLES } from '../../constructs/jml-service-app';
import { IdentityStack } from '../../stacks/identity-stack';
import { exampleWith } from '../helpers/config';
import { declareForTest, refTo, resourcesOf, synthJson, synthString } from '../helpers/synth';
import type { EnvironmentConfig } from '../../config/schema';

function identityOf(config: EnvironmentConfig): IdentityStack {
  return declareForTest(config).stacks.identity;
}

describe('IdentityStack', () => {
  const example = exampleWith();
  const synth = synthString(identityOf(example));
  const json = JSON.parse(synth);

  test('pins the prebuilt okta/okta 4.20.0 provider and keeps credentials out of the configuration', () => {
    expect(json.terraform.required_providers.okta).toEqual({ source: 'okta/okta', version: '4.20.0' });
    expect(json.provider.okta).toEqual([{ org_name: 'example-org', base_url: 'oktapreview.com' }]);
  });

  test('declares a department group and an active rule on user.department for each department', () => {
    expect(synth).toHaveResourceWithProperties(Group, {
      name: 'jml-dept-engineering',
      description: 'Everyone in Engineering, from the HR department attribute.',
    });
    expect(synth).toHaveResourceWithProperties(GroupRule, {
      name: 'jml-dept-engineering',
      status: 'ACTIVE',
      expression_type: 'urn:okta:expression:1.0',
      expression_value: 'user.department=="Engineering"',
      group_assignments: [refTo(json, 'okta_group', 'name', 'jml-dept-engineering')],
      remove_assigned_users: true,
    });
  });

  test('escapes quotes and backslashes of config values in rule expressions', () => {
    expect(synth).toHaveResourceWithProperties(GroupRule, {
      name: 'jml-dept-legal',
      expression_value: 'user.department=="Legal \\"Counsel\\" \\\\ Compliance"',
    });
  });

  test('declares role groups with rules on the configured attribute', () => {
    expect(synth).toHaveResourceWithProperties(GroupRule, {
      name: 'jml-role-sre',
      expression_value: 'user.title=="Site Reliability Engineer"',
    });
    const custom = exampleWith((raw) => (raw.identity.roles[0].attribute = 'costCenter'));
    expect(synthString(identityOf(custom))).toHaveResourceWithProperties(GroupRule, {
      name: 'jml-role-sre',
      expression_value: 'user.costCenter=="Site Reliability Engineer"',
    });
  });

  test('declares server-access groups without rules, assigned to the Privileged Access app found by label', () => {
    expect(synth).toHaveDataSourceWithProperties(DataOktaApp, { label: 'Okta Privileged Access', active_only: true });
    expect(synth).toHaveResourceWithProperties(Group, { name: 'jml-access-eng-linux-prod' });
    expect(resourcesOf(json, 'okta_group_rule').map((r) => r.name)).not.toContain('jml-access-eng-linux-prod');
    expect(resourcesOf(json, 'okta_app_group_assignment')).toHaveLength(3);
    expect(synth).toHaveResourceWithProperties(AppGroupAssignment, {
      app_id: '${data.okta_app.PrivilegedAccessApp.id}',
      group_id: refTo(json, 'okta_group', 'name', 'jml-access-eng-linux-prod'),
    });
  });

  test('group names are deterministic and distinct across kinds', () => {
    const names = resourcesOf(json, 'okta_group').map((g) => g.name);
    expect(names.sort()).toEqual([
      'jml-access-eng-linux-prod',
      'jml-access-eng-windows-prod',
      'jml-access-finance-windows',
      'jml-dept-engineering',
      'jml-dept-finance',
      'jml-dept-legal',
      'jml-dept-sales',
      'jml-managed-users',
      'jml-role-dba',
      'jml-role-finance-analyst',
      'jml-role-sre',
    ]);
    expect(synthString(identityOf(exampleWith()))).toBe(synth);
  });

  test('the service app authenticates with private_key_jwt only and has no client secret', () => {
    expect(synth).toHaveResourceWithProperties(AppOauth, {
      type: 'service',
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'private_key_jwt',
      omit_secret: true,
      jwks: [expect.objectContaining({ kty: 'RSA', kid: 'jml-bridge-2026-11', e: 'AQAB' })],
    });
    const app = resourcesOf(json, 'okta_app_oauth')[0];
    expect(app).not.toHaveProperty('client_basic_secret');
  });

  test('grants only the Management API scopes the bridge uses, plus Workflows invoke when Workflows executes JML', () => {
    expect(synth).toHaveResourceWithProperties(AppOauthApiScope, {
      issuer: 'https://example-org.oktapreview.com',
      scopes: ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage', 'okta.workflows.invoke.manage'],
    });
    const managementOnly = exampleWith((raw) => {
      raw.jml = { executor: 'management-api' };
    });
    expect(synthString(identityOf(managementOnly))).toHaveResourceWithProperties(AppOauthApiScope, {
      scopes: ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage'],
    });
  });

  test("the custom role holds only lifecycle permissions, bound to the managed groups and the population's users only", () => {
    expect(synth).toHaveResourceWithProperties(AdminRoleCustom, {
      permissions: [
        'okta.users.create',
        'okta.users.read',
        'okta.users.lifecycle.manage',
        'okta.users.userprofile.manage',
        'okta.users.groupMembership.manage',
        'okta.groups.read',
        'okta.groups.members.manage',
      ],
    });
    const sets = Object.fromEntries(resourcesOf(json, 'okta_resource_set').map((set) => [set.label, set.resources as string[]]));
    const org = 'https://example-org.oktapreview.com/api/v1/groups';
    const population = refTo(json, 'okta_group', 'name', 'jml-managed-users');
    const others = resourcesOf(json, 'okta_group')
      .map((g) => g.name)
      .filter((name) => name !== 'jml-managed-users')
      .map((name) => refTo(json, 'okta_group', 'name', name));
    expect(Object.keys(sets).sort()).toEqual(['JML bridge (example) managed groups 0.0', 'JML bridge (example) population']);
    expect([...sets['JML bridge (example) population']].sort()).toEqual([`${org}/${population}`, `${org}/${population}/users`]);
    // Department and role groups fill by rule with anyone matching: their users are not the bridge's to touch.
    expect([...sets['JML bridge (example) managed groups 0.0']].sort()).toEqual(others.map((ref) => `${org}/${ref}`).sort());
    expect(Object.values(sets).flat()).not.toContain('https://example-org.oktapreview.com/api/v1/users');
    const role = refTo(json, 'okta_admin_role_custom', 'label', 'JML bridge (example) lifecycle');
    for (const label of Object.keys(sets)) {
      expect(synth).toHaveResourceWithProperties(AppOauthRoleAssignment, {
        type: 'CUSTOM',
        client_id: refTo(json, 'okta_app_oauth', 'type', 'service', 'client_id'),
        role,
        resource_set: refTo(json, 'okta_resource_set', 'label', label),
      });
    }
    expect(resourcesOf(json, 'okta_app_oauth_role_assignment')).toHaveLength(2);
    expect(synth).toHaveResource(ResourceSet);
  });

  test('never assigns a standard admin role to anything', () => {
    const assignments = resourcesOf(json, 'okta_app_oauth_role_assignment');
    expect(assignments.every((a) => a.type === 'CUSTOM')).toBe(true);
    const text = JSON.stringify(json.resource);
    for (const role of STANDARD_ADMIN_ROLES) expect(text).not.toContain(`"${role}"`);
    expect(json.resource).not.toHaveProperty('okta_group_role');
    expect(json.resource).not.toHaveProperty('okta_user_admin_roles');
  });

  test('never declares users or group memberships: the bridge owns them', () => {
    for (const type of ['okta_user', 'okta_group_memberships', 'okta_user_group_memberships', 'okta_group_membership']) {
      expect(json.resource).not.toHaveProperty(type);
    }
  });

  test('the event hook delivers lifecycle and membership events with a header secret from a sensitive variable', () => {
    expect(synth).toHaveResourceWithProperties(EventHook, {
      status: 'ACTIVE',
      channel: {
        type: 'HTTP',
        version: '1.0.0',
        // The bridge stack's API endpoint, read from its state: see test/stacks/bridge-stack.test.ts.
        uri: expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-bridge-example\.outputs\.[\w-]+\}\/v1\/okta\/events$/),
      },
      auth: { type: 'HEADER', key: 'Authorization', value: '${var.event_hook_auth_secret}' },
      events: expect.arrayContaining(['user.lifecycle.create', 'user.lifecycle.deactivate', 'group.user_membership.add']),
    });
    expect(json.variable.event_hook_auth_secret).toMatchObject({ sensitive: true, type: 'string' });
    expect(json.variable.event_hook_auth_secret).not.toHaveProperty('default');
  });

  test('takes the event hook URL from its caller before the environment file', () => {
    const stack = new IdentityStack(declareForTest(exampleWith()).app, {
      config: exampleWith((raw) => (raw.name = 'other')),
      eventHookUrl: 'https://from-bridge.example.com/hook',
    });
    expect(synthString(stack)).toHaveResourceWithProperties(EventHook, {
      channel: expect.objectContaining({ uri: 'https://from-bridge.example.com/hook' }),
    });
  });

  test('fails when no event hook URL is known, saying where to set one', () => {
    const config = exampleWith((raw) => delete raw.identity.eventHook);
    const app = declareForTest(exampleWith()).app;
    expect(() => new IdentityStack(app, { config: { ...config, name: 'nohook' } })).toThrow(
      /identity stack of "nohook" has no event-hook URL: deploy it with the bridge stack, or set identity.eventHook.url/,
    );
  });

  test('outputs client id, group ids by key and event hook id under stable names', () => {
    expect(Object.keys(json.output).sort()).toEqual([
      'department_group_ids',
      'event_hook_id',
      'population_group_id',
      'role_group_ids',
      'server_access_group_ids',
      'service_app_client_id',
    ]);
    expect(json.output.department_group_ids.value).toEqual({
      engineering: refTo(json, 'okta_group', 'name', 'jml-dept-engineering'),
      finance: expect.any(String),
      sales: expect.any(String),
      legal: expect.any(String),
    });
    for (const output of Object.values<any>(json.output)) expect(output.description).toEqual(expect.any(String));
  });

  test('keeps state locally for the example and in encrypted, locked S3 when configured', () => {
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.identity-example.tfstate' } });
    const s3 = exampleWith((raw) => {
      raw.backend = { type: 's3', bucket: 'acme-tfstate', region: 'eu-west-1' };
    });
    const backend = synthJson(identityOf(s3)).terraform.backend.s3;
    expect(backend).toEqual({
      bucket: 'acme-tfstate',
      region: 'eu-west-1',
      key: 'identity-lifecycle/identity-example.tfstate',
      encrypt: true,
      use_lockfile: true,
    });
    const withTable = exampleWith((raw) => {
      raw.backend = {
        type: 's3',
        bucket: 'acme-tfstate',
        region: 'eu-west-1',
        dynamodbTable: 'tf-locks',
        kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
      };
    });
    expect(synthJson(identityOf(withTable)).terraform.backend.s3).toEqual(
      expect.objectContaining({ dynamodb_table: 'tf-locks', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc', encrypt: true }),
    );
  });

  test('matches the snapshot of the example environment', () => {
    expect(json).toMatchSnapshot();
  });
});
