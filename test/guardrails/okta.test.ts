import { Fn, TerraformVariable } from 'cdktf';
import { fixtureStack, rawResource, TestType, validate } from './helpers';

const ORG = 'https://acme.okta.com';

describe('LP-OKTA1 OktaNoStandardAdminRole: apps and groups hold custom roles only', () => {
  test('compliant: a CUSTOM role assignment', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Assignment', 'okta_app_oauth_role_assignment', { client_id: 'abc', type: 'CUSTOM', role: 'r', resource_set: 's' });
    validate(stack, 'LP-OKTA1', TestType.COMPLIANCE);
  });
  test('non-compliant: SUPER_ADMIN on a service app, ORG_ADMIN on a group, admin roles on a user', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Assignment', 'okta_app_oauth_role_assignment', { client_id: 'abc', type: 'SUPER_ADMIN' });
    rawResource(stack, 'GroupRole', 'okta_group_role', { group_id: 'g', role_type: 'ORG_ADMIN' });
    rawResource(stack, 'UserRoles', 'okta_user_admin_roles', { user_id: 'u', admin_roles: ['APP_ADMIN'] });
    const found = validate(stack, 'LP-OKTA1', TestType.NON_COMPLIANCE);
    expect(found.map((a) => [a.path, a.level])).toEqual([
      ['fixture/Assignment', 'error'],
      ['fixture/GroupRole', 'error'],
      ['fixture/UserRoles', 'error'],
    ]);
    expect(found[0].message).toContain('(Role::SUPER_ADMIN)');
    expect(found[0].message).toContain("suppress(construct, [{ id: 'LP-OKTA1[Role::SUPER_ADMIN]'");
  });
});

describe('LP-OKTA2 OktaServiceAppPrivateKeyJwt: service apps authenticate with private_key_jwt only', () => {
  const base = { label: 'bridge', type: 'service', grant_types: ['client_credentials'], jwks: [{ kty: 'RSA', kid: 'k', e: 'AQAB', n: 'x' }] };
  test('compliant: private_key_jwt, client credentials, JWKs', () => {
    const stack = fixtureStack();
    rawResource(stack, 'App', 'okta_app_oauth', { ...base, token_endpoint_auth_method: 'private_key_jwt', omit_secret: true });
    validate(stack, 'LP-OKTA2', TestType.COMPLIANCE);
  });
  test('non-compliant: a web app with a client secret', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Web', 'okta_app_oauth', {
      label: 'web',
      type: 'web',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: ['https://x.example.com/cb'],
    });
    const messages = validate(stack, 'LP-OKTA2', TestType.NON_COMPLIANCE).map((a) => a.message);
    expect(messages.join('\n')).toMatch(/AppType::web[\s\S]*AuthMethod::client_secret_basic/);
  });
  test('non-compliant: client secret auth, an extra grant and no keys', () => {
    const stack = fixtureStack();
    rawResource(stack, 'App', 'okta_app_oauth', {
      label: 'bridge',
      type: 'service',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials', 'password'],
    });
    const [annotation] = validate(stack, 'LP-OKTA2', TestType.NON_COMPLIANCE).filter((a) => a.message.includes('AuthMethod::'));
    expect(annotation.message).toContain('AuthMethod::client_secret_basic');
    const all = validate(fixtureStackWith(), 'LP-OKTA2', TestType.NON_COMPLIANCE).map((a) => a.message);
    expect(all.join('\n')).toMatch(/GrantType::password[\s\S]*Jwks::missing/);
  });
  function fixtureStackWith() {
    const stack = fixtureStack();
    rawResource(stack, 'App', 'okta_app_oauth', {
      label: 'b',
      type: 'service',
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['client_credentials', 'password'],
    });
    return stack;
  }
});

describe('LP-OKTA3 OktaScopesAllowListed: granted scopes stay within a purpose allow-list', () => {
  test('compliant: the JML management scopes and Workflows invoke', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Scopes', 'okta_app_oauth_api_scope', {
      app_id: 'a',
      issuer: ORG,
      scopes: ['okta.users.read', 'okta.users.manage', 'okta.groups.manage', 'okta.workflows.invoke.manage'],
    });
    validate(stack, 'LP-OKTA3', TestType.COMPLIANCE);
  });
  test('non-compliant: okta.apps.manage and okta.roles.manage', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Scopes', 'okta_app_oauth_api_scope', {
      app_id: 'a',
      issuer: ORG,
      scopes: ['okta.users.read', 'okta.apps.manage', 'okta.roles.manage'],
    });
    const found = validate(stack, 'LP-OKTA3', TestType.NON_COMPLIANCE);
    expect(found.map((a) => /\((Scope::[^)]+)\)/.exec(a.message)?.[1])).toEqual(['Scope::okta.apps.manage', 'Scope::okta.roles.manage']);
  });
});

describe('LP-OKTA4 OktaCustomRolePermissionsAllowListed: custom roles hold lifecycle permissions only', () => {
  test('compliant: lifecycle permissions', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Role', 'okta_admin_role_custom', {
      label: 'jml',
      permissions: ['okta.users.create', 'okta.users.lifecycle.manage', 'okta.groups.members.manage'],
    });
    validate(stack, 'LP-OKTA4', TestType.COMPLIANCE);
  });
  test('non-compliant: app and policy management', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Role', 'okta_admin_role_custom', { label: 'jml', permissions: ['okta.users.create', 'okta.apps.manage', 'okta.policies.manage'] });
    expect(validate(stack, 'LP-OKTA4', TestType.NON_COMPLIANCE)).toHaveLength(2);
  });
});

describe('LP-OKTA5 OktaCustomRoleBoundToResourceSet: custom roles are bound to a resource set', () => {
  test('compliant: role and resource set on the app assignment and the group role', () => {
    const stack = fixtureStack();
    rawResource(stack, 'A', 'okta_app_oauth_role_assignment', {
      client_id: 'c',
      type: 'CUSTOM',
      role: '${okta_admin_role_custom.r.id}',
      resource_set: '${okta_resource_set.s.id}',
    });
    rawResource(stack, 'G', 'okta_group_role', { group_id: 'g', role_type: 'CUSTOM', role_id: 'r', resource_set_id: 's' });
    validate(stack, 'LP-OKTA5', TestType.COMPLIANCE);
  });
  test('non-compliant: a custom role without a resource set', () => {
    const stack = fixtureStack();
    rawResource(stack, 'A', 'okta_app_oauth_role_assignment', { client_id: 'c', type: 'CUSTOM', role: 'r' });
    const [found] = validate(stack, 'LP-OKTA5', TestType.NON_COMPLIANCE);
    expect(found.message).toContain('ResourceSet::missing');
  });
});

describe('LP-OKTA6 OktaResourceSetScoped: resource sets name specific groups, never the whole org', () => {
  test('compliant: a group and its users', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Set', 'okta_resource_set', {
      label: 's',
      resources: [`${ORG}/api/v1/groups/\${okta_group.g.id}`, `${ORG}/api/v1/groups/\${okta_group.g.id}/users`],
    });
    validate(stack, 'LP-OKTA6', TestType.COMPLIANCE);
  });
  test('non-compliant: every user and every group of the org', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Set', 'okta_resource_set', { label: 's', resources: [`${ORG}/api/v1/users`, `${ORG}/api/v1/groups`, 'orn:okta:directory:00o1:users'] });
    expect(validate(stack, 'LP-OKTA6', TestType.NON_COMPLIANCE)).toHaveLength(3);
  });
});

describe('LP-OKTA7 OktaEventHookSecure: event hooks use https and a header secret from a sensitive input', () => {
  test('compliant: https and a sensitive variable', () => {
    const stack = fixtureStack();
    new TerraformVariable(stack, 'hook_secret', { type: 'string', sensitive: true });
    rawResource(stack, 'Hook', 'okta_event_hook', {
      name: 'h',
      channel: { type: 'HTTP', version: '1.0.0', uri: 'https://bridge.example.com/hook' },
      auth: { type: 'HEADER', key: 'Authorization', value: '${var.hook_secret}' },
    });
    validate(stack, 'LP-OKTA7', TestType.COMPLIANCE);
  });
  test('compliant: a URI built on an API endpoint (always https), here or in another stack', () => {
    const stack = fixtureStack();
    new TerraformVariable(stack, 'hook_secret', { type: 'string', sensitive: true });
    const uris = [
      '${data.terraform_remote_state.bridge.outputs.cross-stack-output-aws_apigatewayv2_apiApi_F70053CDapi_endpoint}/v1/okta/events',
      '${aws_apigatewayv2_api.Api.api_endpoint}/v1/okta/events',
    ];
    uris.forEach((uri, i) =>
      rawResource(stack, `Hook${i}`, 'okta_event_hook', {
        name: 'h',
        channel: { type: 'HTTP', version: '1.0.0', uri },
        auth: { type: 'HEADER', key: 'Authorization', value: '${var.hook_secret}' },
      }),
    );
    validate(stack, 'LP-OKTA7', TestType.COMPLIANCE);
  });
  test('non-compliant: a URI computed with Fn.replace (https turned into http), or from an unknown output', () => {
    const stack = fixtureStack();
    new TerraformVariable(stack, 'hook_secret', { type: 'string', sensitive: true });
    const endpoint = new TerraformVariable(stack, 'endpoint', { type: 'string' });
    const uris = [
      `${Fn.replace(endpoint.stringValue, 'https://', 'http://')}/v1/okta/events`,
      '${data.terraform_remote_state.bridge.outputs.api_endpoint}/v1/okta/events',
    ];
    uris.forEach((uri, i) =>
      rawResource(stack, `Hook${i}`, 'okta_event_hook', {
        name: 'h',
        channel: { type: 'HTTP', version: '1.0.0', uri },
        auth: { type: 'HEADER', key: 'Authorization', value: '${var.hook_secret}' },
      }),
    );
    const found = validate(stack, 'LP-OKTA7', TestType.NON_COMPLIANCE);
    expect(found.map((a) => [a.path, /\(([^)]+)\)/.exec(a.message)?.[1]])).toEqual([
      ['fixture/Hook0', 'Uri::computed'],
      ['fixture/Hook1', 'Uri::computed'],
    ]);
  });
  test('non-compliant: a sensitive variable with a literal default is not a secret source', () => {
    const stack = fixtureStack();
    new TerraformVariable(stack, 'hook_secret', { type: 'string', sensitive: true, default: 'in-code' });
    rawResource(stack, 'Hook', 'okta_event_hook', {
      name: 'h',
      channel: { type: 'HTTP', version: '1.0.0', uri: 'https://bridge.example.com/hook' },
      auth: { type: 'HEADER', key: 'Authorization', value: '${var.hook_secret}' },
    });
    expect(validate(stack, 'LP-OKTA7', TestType.NON_COMPLIANCE)[0].message).toContain('(AuthValue::var.hook_secret)');
    expect(validate(stack, 'LP-SEC2', TestType.NON_COMPLIANCE)[0]).toMatchObject({
      path: 'fixture/hook_secret',
      message: expect.stringContaining('(Default::literal)'),
    });
  });
  test('non-compliant: plain http, a literal secret, and a variable not marked sensitive', () => {
    const stack = fixtureStack();
    new TerraformVariable(stack, 'plain', { type: 'string' });
    rawResource(stack, 'Hook', 'okta_event_hook', {
      name: 'h',
      channel: { type: 'HTTP', version: '1.0.0', uri: 'http://bridge.example.com/hook' },
      auth: { type: 'HEADER', key: 'Authorization', value: 'hunter2-literal' },
    });
    rawResource(stack, 'Hook2', 'okta_event_hook', {
      name: 'h2',
      channel: { type: 'HTTP', version: '1.0.0', uri: 'https://bridge.example.com/hook' },
      auth: { type: 'HEADER', key: 'Authorization', value: '${var.plain}' },
    });
    const messages = validate(stack, 'LP-OKTA7', TestType.NON_COMPLIANCE).map((a) => a.message);
    expect(messages.some((m) => m.includes('Uri::http://bridge.example.com/hook'))).toBe(true);
    expect(messages.some((m) => m.includes('AuthValue::literal'))).toBe(true);
    expect(messages.some((m) => m.includes('AuthValue::var.plain'))).toBe(true);
    expect(messages.join('\n')).not.toContain('hunter2');
  });
});
