import * as okta from '@okta/okta-sdk-nodejs';
import { startOktaSimulator, type OktaSimulator } from '../index';
import { makeClientKey, type TestClientKey } from './helpers';

/**
 * The real `@okta/okta-sdk-nodejs` v8 against the simulator, with `authorizationMode: 'PrivateKey'`.
 * What the SDK sends (read in node_modules/@okta/okta-sdk-nodejs/src/oauth.js, jwt.js, dpop.js): a
 * client-credentials form with a 5-minute njwt assertion (aud = `${orgUrl}/oauth2/v1/token`, iss = sub = clientId,
 * a jti, kid from the JWK or `keyId`) and ALWAYS a `DPoP` proof header signed with the same key; it switches to
 * DPoP only if the token response is `use_dpop_nonce`.
 */
describe('Okta simulator with the real @okta/okta-sdk-nodejs v8 (PrivateKey mode)', () => {
  let sim: OktaSimulator;
  let key: TestClientKey;
  let client: okta.Client;
  const seen: Array<{ url: string; headers: Record<string, string> }> = [];

  beforeAll(async () => {
    key = await makeClientKey('RS256');
    sim = await startOktaSimulator({
      clients: [
        {
          clientId: '0oaJmlBridge',
          publicJwk: key.publicJwk,
          grantedScopes: ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage'],
        },
      ],
      groups: [{ name: 'Engineering', description: 'Engineering department' }],
    });
    client = new okta.Client({
      orgUrl: sim.url,
      authorizationMode: 'PrivateKey',
      clientId: '0oaJmlBridge',
      scopes: ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage'],
      privateKey: JSON.stringify(key.privateJwk),
      keyId: key.kid,
      // Ignored by SDK 8.1.0 (it has no https check) but harmless and required by some older 7.x releases.
      testing: { disableHttpsCheck: true },
      cacheMiddleware: null,
    } as ConstructorParameters<typeof okta.Client>[0]);
    client.requestExecutor.on('request', (request: { url: string; headers: Record<string, string> }) => {
      seen.push({ url: request.url, headers: { ...request.headers } });
    });
  });
  afterAll(() => sim.close());

  test('gets a token, creates and activates a user, adds it to a group and deactivates it', async () => {
    const created = await client.userApi.createUser({
      body: {
        profile: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', login: 'ada@example.com' },
      },
      activate: false,
    });
    expect(created.status).toBe('STAGED');
    expect(created.id).toMatch(/^00u[A-Za-z0-9]{17}$/);

    await client.userApi.activateUser({ userId: created.id!, sendEmail: false });
    const activated = await client.userApi.getUser({ userId: 'ada@example.com' });
    // No password: activation leaves the user PROVISIONED until they set one.
    expect(activated.status).toBe('PROVISIONED');

    const groupId = sim.groupId('Engineering');
    await client.groupApi.assignUserToGroup({ groupId, userId: created.id! });
    expect(sim.groupMembers('Engineering')).toEqual(['ada@example.com']);

    await client.userApi.deactivateUser({ userId: created.id! });
    expect(sim.getUser(created.id!)?.status).toBe('DEPROVISIONED');

    const tokenRequest = seen.find((r) => r.url.endsWith('/oauth2/v1/token'));
    expect(tokenRequest?.headers.DPoP).toMatch(/^ey/);
    const apiCall = seen.find((r) => r.url.includes('/api/v1/users'));
    expect(apiCall?.headers.Authorization).toMatch(/^Bearer /);
    expect(sim.logEvents().map((e) => e.eventType)).toEqual([
      'user.lifecycle.create',
      'user.lifecycle.activate',
      'group.user_membership.add',
      'user.lifecycle.deactivate',
    ]);
    expect(sim.logEvents()[0].actor).toMatchObject({ id: '0oaJmlBridge', type: 'PublicClientApp' });
  });

  test('surfaces Okta error codes as OktaApiError (duplicate login, already active)', async () => {
    const profile = { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', login: 'grace@example.com' };
    await client.userApi.createUser({ body: { profile, credentials: { password: { value: 'Correct-Horse-9' } } } });
    await expect(client.userApi.createUser({ body: { profile } })).rejects.toMatchObject({
      status: 400,
      errorCode: 'E0000001',
      errorCauses: [{ errorSummary: 'login: An object with this field already exists in the current organization' }],
    });
    const grace = await client.userApi.getUser({ userId: 'grace@example.com' });
    expect(grace.status).toBe('ACTIVE');
    await expect(client.userApi.activateUser({ userId: grace.id!, sendEmail: false })).rejects.toMatchObject({
      status: 403,
      errorCode: 'E0000016',
    });
  });

  test('supports the other calls the bridge makes: update, unsuspend, group listings, unassign', async () => {
    const user = await client.userApi.createUser({
      body: {
        profile: { firstName: 'Mary', lastName: 'Jackson', email: 'mary@example.com', login: 'mary@example.com' },
        credentials: { password: { value: 'Wind-Tunnel-1958' } },
      },
    });
    const updated = await client.userApi.updateUser({ userId: user.id!, user: { profile: { title: 'Engineer' } as never } });
    expect(updated.profile).toMatchObject({ title: 'Engineer', firstName: 'Mary' });

    sim.directory.suspend(user.id!, {
      actor: { id: 'admin', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
      requestId: 'test',
      requestUri: '',
    });
    await client.userApi.unsuspendUser({ userId: user.id! });
    expect(sim.getUser(user.id!)?.status).toBe('ACTIVE');

    const groups: Array<{ id: string; name: string }> = [];
    const found = await client.groupApi.listGroups({ q: 'Engin', limit: 200 });
    await found.each((g) => {
      groups.push({ id: g.id!, name: g.profile!.name! });
    });
    expect(groups).toEqual([{ id: sim.groupId('Engineering'), name: 'Engineering' }]);

    await client.groupApi.assignUserToGroup({ groupId: groups[0].id, userId: user.id! });
    const names: string[] = [];
    await (await client.userApi.listUserGroups({ userId: user.id! })).each((g) => {
      names.push(g.profile!.name!);
    });
    expect(names.sort()).toEqual(['Engineering', 'Everyone']);

    await client.groupApi.unassignUserFromGroup({ groupId: groups[0].id, userId: user.id! });
    expect(sim.userGroups(user.id!)).toEqual(['Everyone']);
  });

  test('gets a fresh token after the cached one stops working', async () => {
    sim.expireAccessTokens();
    const before = seen.filter((r) => r.url.endsWith('/oauth2/v1/token')).length;
    const user = await client.userApi.getUser({ userId: 'ada@example.com' });
    expect(user.profile?.login).toBe('ada@example.com');
    expect(seen.filter((r) => r.url.endsWith('/oauth2/v1/token')).length).toBe(before + 1);
  });
});

describe('the real SDK against a service app that requires DPoP', () => {
  test('completes the use_dpop_nonce handshake and calls the API with DPoP-bound tokens', async () => {
    const key = await makeClientKey('RS256');
    const sim = await startOktaSimulator({
      clients: [{ clientId: '0oaDpopApp', publicJwk: key.publicJwk, grantedScopes: ['okta.users.read'], requireDpop: true }],
    });
    try {
      sim.seedUser({ profile: { login: 'lin@example.com', email: 'lin@example.com', firstName: 'Lin', lastName: 'Chen' } });
      const client = new okta.Client({
        orgUrl: sim.url,
        authorizationMode: 'PrivateKey',
        clientId: '0oaDpopApp',
        scopes: ['okta.users.read'],
        privateKey: JSON.stringify(key.privateJwk),
        keyId: key.kid,
        cacheMiddleware: null,
      } as ConstructorParameters<typeof okta.Client>[0]);
      const statuses: Array<[string, number]> = [];
      client.requestExecutor.on('response', (r: { url: string; status: number }) => statuses.push([new URL(r.url).pathname, r.status]));
      const user = await client.userApi.getUser({ userId: 'lin@example.com' });
      expect(user.status).toBe('ACTIVE');
      expect(statuses).toEqual([
        ['/oauth2/v1/token', 400],
        ['/oauth2/v1/token', 200],
        ['/api/v1/users/lin%40example.com', 200],
      ]);
    } finally {
      await sim.close();
    }
  });
});
