import { startOktaSimulator, startServiceNowSimulator, type OktaSimulator } from '..';
import { accessToken, ALL_SCOPES, call, makeClientKey, type TestClientKey } from './helpers';

/** The configuration reads adoption uses: group rules of every shape, apps, roles, hooks, request conditions. */
describe('Okta simulator: configuration reads', () => {
  const clientId = '0oaINVENTORYREADER01';
  let okta: OktaSimulator;
  let key: TestClientKey;
  let token: string;

  beforeAll(async () => {
    key = await makeClientKey();
    okta = await startOktaSimulator({
      clients: [{ clientId, publicJwk: key.publicJwk, grantedScopes: ALL_SCOPES }],
      groups: [
        { id: '00gSALES000000000001', name: 'Sales' },
        { id: '00gDYNAMIC00000000001', name: 'Dynamic' },
        ...Array.from({ length: 60 }, (_, i) => ({ name: `Team ${i}` })),
      ],
      groupRules: [{ name: 'Sales rule', expression: 'user.department=="Sales"', groupName: 'Sales' }],
      apps: [{ id: '0oaPAM00000000000001', label: 'Okta Privileged Access' }],
      inventory: {
        inertGroupRules: Array.from({ length: 55 }, (_, i) => ({
          name: `Dynamic ${i}`,
          expression: 'isMemberOfGroup("00gSALES000000000001")',
          groupNames: ['Dynamic'],
          status: i === 0 ? ('INACTIVE' as const) : undefined,
        })),
        oauthApps: [
          { id: '0oaSERVICE0000000001', label: 'JML bridge', jwks: [{ kty: 'RSA', kid: 'k1', e: 'AQAB', n: 'abc' }], grantedScopes: ['okta.users.read'] },
        ],
        appGroupAssignments: { '0oaPAM00000000000001': ['Sales'] },
        customRoles: [{ id: 'cr0ROLE0000000000001', label: 'JML bridge lifecycle', permissions: ['okta.users.read'] }],
        resourceSets: [{ id: 'iamSET00000000000001', label: 'JML bridge population', resources: ['https://acme/api/v1/groups/00gSALES000000000001'] }],
        clientRoleAssignments: { '0oaSERVICE0000000001': [{ id: 'irbASSIGN00000000001', role: 'cr0ROLE0000000000001', resourceSet: 'iamSET00000000000001' }] },
        eventHooks: [{ id: 'whoHOOK0000000000001', name: 'SIEM', url: 'https://siem.example/hook', events: ['user.session.start'] }],
        requestConditions: {
          '0oaPAM00000000000001': [
            {
              id: 'c'.repeat(24),
              name: 'Anyone',
              approvalSequenceId: 's'.repeat(24),
              accessScopeGroups: ['Sales'],
              requesterGroups: [],
              accessDuration: 'PT1H',
            },
          ],
        },
      },
    });
    token = await accessToken(
      okta.url,
      clientId,
      key,
      'okta.groups.read okta.apps.read okta.roles.read okta.eventHooks.read okta.accessRequests.condition.read',
    );
  });
  afterAll(() => okta.close());

  test("lists evaluated and unevaluated group rules in Okta's shape, paged with Link headers", async () => {
    const first = await call(okta.url, 'GET', '/api/v1/groups/rules', { token });
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(50);
    expect(first.body[0]).toMatchObject({
      type: 'group_rule',
      status: 'ACTIVE',
      name: 'Sales rule',
      conditions: { expression: { value: 'user.department=="Sales"', type: 'urn:okta:expression:1.0' } },
      actions: { assignUserToGroups: { groupIds: ['00gSALES000000000001'] } },
    });
    expect(first.body[1]).toMatchObject({ name: 'Dynamic 0', status: 'INACTIVE' });
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')![1]!;
    const second = await call(okta.url, 'GET', new URL(next).pathname + new URL(next).search, { token });
    expect(second.body).toHaveLength(6);
    expect(second.headers.get('link')).not.toMatch(/rel="next"/);
  });

  test('group lists and group rules keep their own routes', async () => {
    expect((await call(okta.url, 'GET', '/api/v1/groups/00gSALES000000000001', { token })).body.profile.name).toBe('Sales');
  });

  test('reads the service app, its grants and role assignments, custom roles and resource sets', async () => {
    const app = await call(okta.url, 'GET', '/api/v1/apps/0oaSERVICE0000000001', { token });
    expect(app.body).toMatchObject({
      label: 'JML bridge',
      credentials: { oauthClient: { token_endpoint_auth_method: 'private_key_jwt' } },
      settings: { oauthClient: { jwks: { keys: [{ kid: 'k1' }] } } },
    });
    expect((await call(okta.url, 'GET', '/api/v1/apps/0oaSERVICE0000000001/grants', { token })).body).toEqual([
      expect.objectContaining({ scopeId: 'okta.users.read', status: 'ACTIVE', issuer: okta.url }),
    ]);
    expect((await call(okta.url, 'GET', '/api/v1/apps/0oaPAM00000000000001/groups', { token })).body.map((g: { id: string }) => g.id)).toEqual([
      '00gSALES000000000001',
    ]);
    expect((await call(okta.url, 'GET', '/oauth2/v1/clients/0oaSERVICE0000000001/roles', { token })).body).toEqual([
      expect.objectContaining({ id: 'irbASSIGN00000000001', type: 'CUSTOM', role: 'cr0ROLE0000000000001', 'resource-set': 'iamSET00000000000001' }),
    ]);
    expect((await call(okta.url, 'GET', '/api/v1/iam/roles', { token })).body.roles).toEqual([expect.objectContaining({ label: 'JML bridge lifecycle' })]);
    expect((await call(okta.url, 'GET', '/api/v1/iam/roles/cr0ROLE0000000000001/permissions', { token })).body.permissions).toEqual([
      { label: 'okta.users.read' },
    ]);
    expect((await call(okta.url, 'GET', '/api/v1/iam/resource-sets', { token })).body['resource-sets']).toEqual([
      expect.objectContaining({ id: 'iamSET00000000000001' }),
    ]);
  });

  test('lists event hooks without their secret, and request conditions with EVERYONE requesters', async () => {
    const hooks = await call(okta.url, 'GET', '/api/v1/eventHooks', { token });
    expect(hooks.body[0]).toMatchObject({
      name: 'SIEM',
      channel: { config: { uri: 'https://siem.example/hook', authScheme: { type: 'HEADER', key: 'Authorization' } } },
    });
    expect(JSON.stringify(hooks.body)).not.toMatch(/value/);
    const conditions = await call(okta.url, 'GET', '/governance/api/v2/resources/0oaPAM00000000000001/request-conditions', { token });
    expect(conditions.body.data[0]).toMatchObject({
      name: 'Anyone',
      priority: 0,
      requesterSettings: { type: 'EVERYONE' },
      accessScopeSettings: { type: 'GROUPS', groups: [{ id: '00gSALES000000000001' }] },
    });
    expect((await call(okta.url, 'GET', '/governance/api/v2/resources/0oaNOPE/request-conditions', { token })).status).toBe(404);
  });

  test('each read needs its read scope (403 E0000006 with the scope named)', async () => {
    const groupsOnly = await accessToken(okta.url, clientId, key, 'okta.groups.read');
    const refused = await call(okta.url, 'GET', '/api/v1/eventHooks', { token: groupsOnly });
    expect(refused.status).toBe(403);
    expect(refused.body.errorCode).toBe('E0000006');
    expect(refused.headers.get('www-authenticate')).toMatch(/scope="okta.eventHooks.read"/);
    expect((await call(okta.url, 'GET', '/api/v1/iam/roles', { token: groupsOnly })).status).toBe(403);
  });
});

describe('ServiceNow simulator: configuration tables', () => {
  test('serves seeded catalog rows through the Table API and refuses an unknown table at start', async () => {
    const sn = await startServiceNowSimulator({
      users: [{ username: 'reader', password: 'pw', writableTables: [] }],
      tables: { sc_cat_item: [{ name: 'User lifecycle request', short_description: 'JML' }] },
    });
    try {
      const auth = `Basic ${Buffer.from('reader:pw').toString('base64')}`;
      const response = await fetch(`${sn.url}/api/now/table/sc_cat_item?sysparm_query=name%3DUser%20lifecycle%20request`, {
        headers: { Authorization: auth, Accept: 'application/json' },
      });
      const rows = ((await response.json()) as { result: Record<string, string>[] }).result;
      expect(rows).toEqual([
        expect.objectContaining({ name: 'User lifecycle request', short_description: 'JML', sys_id: expect.stringMatching(/^[0-9a-f]{32}$/) }),
      ]);
    } finally {
      await sn.close();
    }
    await expect(startServiceNowSimulator({ tables: { sys_nope: [{}] } })).rejects.toThrow(/options.tables.sys_nope: the simulator has no such table/);
  });
});
