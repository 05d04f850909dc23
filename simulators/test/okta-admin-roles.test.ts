import { startOktaSimulator, type AdminRoleBinding, type OktaSimulator } from '../index';
import { accessToken, ALL_SCOPES, call, makeClientKey } from './helpers';

describe('Okta simulator: custom admin roles of OAuth clients', () => {
  let okta: OktaSimulator;
  let limited: string;
  let unbound: string;
  let insideId: string;
  let outsideId: string;
  let seq = 0;

  const permissions = [
    'okta.users.create',
    'okta.users.read',
    'okta.users.lifecycle.manage',
    'okta.users.userprofile.manage',
    'okta.groups.read',
    'okta.groups.members.manage',
  ];
  /** Population and Access are in the set with their users; Outside is not. */
  const binding = (perms = permissions, origin = okta.url): AdminRoleBinding => ({
    permissions: perms,
    resources: ['Population', 'Access'].flatMap((name) => [
      `${origin}/api/v1/groups/${okta.groupId(name)}`,
      `${origin}/api/v1/groups/${okta.groupId(name)}/users`,
    ]),
  });
  const profile = () => {
    seq += 1;
    return { login: `role${seq}@example.com`, email: `role${seq}@example.com`, firstName: 'Role', lastName: `User${seq}` };
  };
  const as = (token: string, method: string, path: string, body?: unknown) => call(okta.url, method, path, { token, body });
  const expectRefused = (res: { status: number; body: any; headers: Headers }) => {
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      errorCode: 'E0000006',
      errorSummary: 'You do not have permission to perform the requested action',
      errorLink: 'E0000006',
      errorId: expect.stringMatching(/^oae/),
      errorCauses: [],
    });
    expect(res.headers.get('www-authenticate')).toBeNull();
  };
  const lastReason = () => okta.roleRefusals().at(-1)?.reason;

  beforeAll(async () => {
    const [limitedKey, unboundKey] = await Promise.all([makeClientKey(), makeClientKey('ES256')]);
    okta = await startOktaSimulator({
      clients: [
        { clientId: '0oaLimited', publicJwk: limitedKey.publicJwk, grantedScopes: ALL_SCOPES },
        { clientId: '0oaUnbound', publicJwk: unboundKey.publicJwk, grantedScopes: ALL_SCOPES },
      ],
      groups: [{ name: 'Population' }, { name: 'Access' }, { name: 'Outside' }],
    });
    limited = await accessToken(okta.url, '0oaLimited', limitedKey, ALL_SCOPES.join(' '));
    unbound = await accessToken(okta.url, '0oaUnbound', unboundKey, ALL_SCOPES.join(' '));
    insideId = okta.seedUser({ profile: profile(), groups: ['Population'] }).id as string;
    outsideId = okta.seedUser({ profile: profile(), groups: ['Outside'] }).id as string;
  });
  afterAll(() => okta.close());
  beforeEach(() => okta.assignAdminRole('0oaLimited', binding()));

  test('creates a user only into a group whose users are in the resource set', async () => {
    expectRefused(await as(limited, 'POST', '/api/v1/users?activate=false', { profile: profile() }));
    expect(lastReason()).toMatch(/new user would be outside the role/);
    expectRefused(await as(limited, 'POST', '/api/v1/users?activate=false', { profile: profile(), groupIds: [okta.groupId('Outside')] }));
    expect(lastReason()).toMatch(new RegExp(`groupIds ${okta.groupId('Outside')} are not in the resource set`));
    const created = await as(limited, 'POST', '/api/v1/users?activate=false', { profile: profile(), groupIds: [okta.groupId('Population')] });
    expect(created.status).toBe(200);
    expect(okta.userGroups(created.body.id)).toContain('Population');
  });

  test('reads, updates and runs the lifecycle of users inside the population only', async () => {
    expect((await as(limited, 'GET', `/api/v1/users/${insideId}`)).status).toBe(200);
    expectRefused(await as(limited, 'GET', `/api/v1/users/${outsideId}`));
    expect(lastReason()).toMatch(new RegExp(`user ${outsideId} is not a member`));
    expect((await as(limited, 'GET', '/api/v1/users/nobody@example.com')).status).toBe(404);
    expect((await as(limited, 'POST', `/api/v1/users/${insideId}`, { profile: { title: 'Inside' } })).status).toBe(200);
    expectRefused(await as(limited, 'POST', `/api/v1/users/${outsideId}`, { profile: { title: 'Changed' } }));
    expect(okta.getUser(outsideId)?.profile).not.toHaveProperty('title');
    expectRefused(await as(limited, 'POST', `/api/v1/users/${outsideId}/lifecycle/suspend`));
    expect(okta.getUser(outsideId)?.status).toBe('ACTIVE');
    expectRefused(await as(limited, 'GET', `/api/v1/users/${outsideId}/groups`));
    expectRefused(await as(limited, 'DELETE', `/api/v1/users/${outsideId}`));
    expect((await as(limited, 'POST', `/api/v1/users/${insideId}/lifecycle/suspend`)).status).toBe(200);
    expect((await as(limited, 'POST', `/api/v1/users/${insideId}/lifecycle/unsuspend`)).status).toBe(200);
  });

  test('changes memberships only of groups in the set, for users in the population', async () => {
    const access = okta.groupId('Access');
    const outside = okta.groupId('Outside');
    expect((await as(limited, 'PUT', `/api/v1/groups/${access}/users/${insideId}`)).status).toBe(204);
    expect((await as(limited, 'DELETE', `/api/v1/groups/${access}/users/${insideId}`)).status).toBe(204);
    expectRefused(await as(limited, 'PUT', `/api/v1/groups/${outside}/users/${insideId}`));
    expect(lastReason()).toBe(`group ${outside} is not in the resource set`);
    expectRefused(await as(limited, 'PUT', `/api/v1/groups/${access}/users/${outsideId}`));
    expectRefused(await as(limited, 'DELETE', `/api/v1/groups/${outside}/users/${outsideId}`));
    expect(okta.userGroups(insideId)).not.toContain('Outside');
    expect(okta.userGroups(outsideId)).toEqual(['Everyone', 'Outside']);
    expect((await as(limited, 'PUT', `/api/v1/groups/${outside}/users/nobody`)).status).toBe(404);
  });

  test('each operation needs its permission', async () => {
    okta.assignAdminRole('0oaLimited', binding(permissions.filter((p) => p !== 'okta.users.userprofile.manage' && p !== 'okta.groups.members.manage')));
    expectRefused(await as(limited, 'POST', `/api/v1/users/${insideId}`, { profile: { title: 'No' } }));
    expect(lastReason()).toBe('the role lacks okta.users.userprofile.manage');
    expectRefused(await as(limited, 'PUT', `/api/v1/groups/${okta.groupId('Access')}/users/${insideId}`));
    expect(lastReason()).toBe('the role lacks okta.groups.members.manage');
    okta.assignAdminRole('0oaLimited', binding(['okta.users.read', 'okta.users.lifecycle.suspend']));
    expect((await as(limited, 'POST', `/api/v1/users/${insideId}/lifecycle/suspend`)).status).toBe(200);
    expectRefused(await as(limited, 'POST', `/api/v1/users/${insideId}/lifecycle/unsuspend`));
    expect(lastReason()).toBe('the role lacks okta.users.lifecycle.unsuspend');
    okta.assignAdminRole('0oaLimited', binding(['okta.users.manage', 'okta.groups.read']));
    expect((await as(limited, 'POST', `/api/v1/users/${insideId}/lifecycle/unsuspend`)).status).toBe(200);
  });

  test('lists only the users and groups in the set, and refuses endpoints no permission covers', async () => {
    const users = await as(limited, 'GET', '/api/v1/users');
    expect(users.body.map((u: { id: string }) => u.id)).toContain(insideId);
    expect(users.body.map((u: { id: string }) => u.id)).not.toContain(outsideId);
    const groups = await as(limited, 'GET', '/api/v1/groups');
    expect(groups.body.map((g: { profile: { name: string } }) => g.profile.name).sort()).toEqual(['Access', 'Population']);
    expectRefused(await as(limited, 'GET', `/api/v1/groups/${okta.groupId('Outside')}`));
    expectRefused(await as(limited, 'GET', `/api/v1/groups/${okta.groupId('Outside')}/users`));
    expectRefused(await as(limited, 'GET', '/api/v1/logs'));
    expect(lastReason()).toBe('no custom-role permission covers this endpoint');
  });

  test('resources of another org grant nothing; a client without a binding acts as a super admin', async () => {
    okta.assignAdminRole('0oaLimited', binding(permissions, 'https://other.okta.com'));
    expectRefused(await as(limited, 'GET', `/api/v1/users/${insideId}`));
    expect((await as(unbound, 'GET', `/api/v1/users/${outsideId}`)).status).toBe(200);
    expect((await as(unbound, 'GET', '/api/v1/logs')).status).toBe(200);
    okta.assignAdminRole('0oaLimited', { permissions, resources: [`${okta.url}/api/v1/users`, `${okta.url}/api/v1/groups`] });
    expect((await as(limited, 'GET', `/api/v1/users/${outsideId}`)).status).toBe(200);
    expect((await as(limited, 'POST', '/api/v1/users?activate=false', { profile: profile() })).status).toBe(200);
  });

  test('a binding in options can use bare paths for this org, with fixed group ids', async () => {
    const key = await makeClientKey();
    const sim = await startOktaSimulator({
      clients: [
        {
          clientId: '0oaFromOptions',
          publicJwk: key.publicJwk,
          grantedScopes: ALL_SCOPES,
          adminRole: { permissions: ['okta.users.read'], resources: ['/api/v1/groups/00gPopulation0000001/users'] },
        },
      ],
      groups: [{ name: 'Population', id: '00gPopulation0000001' }],
    });
    try {
      const token = await accessToken(sim.url, '0oaFromOptions', key, ALL_SCOPES.join(' '));
      const member = sim.seedUser({ profile: profile(), groups: ['Population'] }).id as string;
      const stranger = sim.seedUser({ profile: profile() }).id as string;
      expect((await call(sim.url, 'GET', `/api/v1/users/${member}`, { token })).status).toBe(200);
      expectRefused(await call(sim.url, 'GET', `/api/v1/users/${stranger}`, { token }));
      expectRefused(await call(sim.url, 'POST', `/api/v1/users/${member}`, { token, body: { profile: { title: 'No' } } }));
      expect(() => sim.assignAdminRole('0oaFromOptions', { permissions: [], resources: ['//elsewhere.example/api/v1/users'] })).toThrow(/is not a URL/);
    } finally {
      await sim.close();
    }
  });

  test('refuses a binding it cannot enforce, naming the problem', () => {
    expect(() => okta.assignAdminRole('0oaLimited', { permissions: ['okta.users.lifecycle.manages'], resources: [] })).toThrow(
      /"okta.users.lifecycle.manages" is not a custom-role permission the simulator knows/,
    );
    expect(() => okta.assignAdminRole('0oaLimited', { permissions, resources: ['orn:okta:directory:00o1:groups:00g1'] })).toThrow(/ORNs are not supported/);
    expect(() => okta.assignAdminRole('0oaLimited', { permissions, resources: [`${okta.url}/api/v1/apps/0oa1`] })).toThrow(/is not a user or group resource/);
    expect(() => okta.assignAdminRole('0oaNobody', { permissions, resources: [] })).toThrow(/no client 0oaNobody is registered/);
  });
});
