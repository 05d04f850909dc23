import { startOktaSimulator, type OktaSimulator } from '../index';
import { accessToken, ALL_SCOPES, call, makeClientKey } from './helpers';

describe('Okta simulator: users, lifecycle and groups', () => {
  let okta: OktaSimulator;
  let token: string;
  const profile = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    firstName: name,
    lastName: 'Tester',
    email: `${name.toLowerCase()}@example.com`,
    login: `${name.toLowerCase()}@example.com`,
    ...extra,
  });
  const create = (body: unknown, activate = true) => call(okta.url, 'POST', `/api/v1/users?activate=${activate}`, { token, body });
  const lifecycle = (id: string, op: string) => call(okta.url, 'POST', `/api/v1/users/${id}/lifecycle/${op}`, { token });

  beforeAll(async () => {
    const key = await makeClientKey();
    okta = await startOktaSimulator({
      clients: [{ clientId: '0oaUsers', publicJwk: key.publicJwk, grantedScopes: ALL_SCOPES }],
      groups: [{ name: 'Sales' }, { name: 'Finance', description: 'Finance dept' }, { name: 'AD Admins', type: 'APP_GROUP' }],
      uniqueProfileAttributes: ['employeeNumber'],
    });
    token = await accessToken(okta.url, '0oaUsers', key, ALL_SCOPES.join(' '));
  });
  afterAll(() => okta.close());

  test('creates a user shaped like Okta, with groupIds, ACTIVE when a password is given', async () => {
    const res = await create({
      profile: profile('Alan', { employeeNumber: 'E100' }),
      credentials: { password: { value: 'Sup3r-Secret!' } },
      groupIds: [okta.groupId('Sales')],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^00u[A-Za-z0-9]{17}$/),
      status: 'ACTIVE',
      created: expect.any(String),
      activated: expect.any(String),
      statusChanged: expect.any(String),
      lastUpdated: expect.any(String),
      profile: { login: 'alan@example.com', employeeNumber: 'E100' },
      credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
      _links: { self: { href: `${okta.url}/api/v1/users/${res.body.id}` } },
    });
    expect(JSON.stringify(res.body)).not.toContain('Sup3r-Secret!');
    expect(okta.userGroups('alan@example.com')).toEqual(['Everyone', 'Sales']);
  });

  test('creates STAGED with activate=false and PROVISIONED on activation without a password', async () => {
    const staged = await create({ profile: profile('Barbara') }, false);
    expect(staged.body.status).toBe('STAGED');
    expect(staged.body.activated).toBeNull();
    const act = await call(okta.url, 'POST', `/api/v1/users/${staged.body.id}/lifecycle/activate?sendEmail=false`, { token });
    expect(act.status).toBe(200);
    expect(act.body).toMatchObject({ activationUrl: expect.stringContaining('/welcome/'), activationToken: expect.any(String) });
    expect(okta.getUser(staged.body.id)?.status).toBe('PROVISIONED');
  });

  test('fails with 400 E0000001 and Okta errorCauses for a duplicate login or unique attribute', async () => {
    const dup = await create({ profile: profile('Alan') });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({
      errorCode: 'E0000001',
      errorSummary: 'Api validation failed: login',
      errorLink: 'E0000001',
      errorId: expect.stringMatching(/^oae/),
      errorCauses: [{ errorSummary: 'login: An object with this field already exists in the current organization' }],
    });
    const dupEmployee = await create({ profile: profile('Other', { employeeNumber: 'E100' }) });
    expect(dupEmployee.status).toBe(400);
    expect(dupEmployee.body.errorCauses[0].errorSummary).toMatch(/^employeeNumber: An object with this field already exists/);
    const bad = await create({ profile: { login: 'not-an-email', email: 'x@example.com' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary)).toEqual([
      'firstName: The field cannot be left blank',
      'lastName: The field cannot be left blank',
      'login: Username must be in the form of an email address',
    ]);
  });

  test('answers 404 E0000007 for an unknown user, and 400 E0000003 for malformed JSON', async () => {
    const res = await call(okta.url, 'GET', '/api/v1/users/nobody@example.com', { token });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: nobody@example.com (User)' });
    const malformed = await fetch(`${okta.url}/api/v1/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{"profile":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errorCode: string }).errorCode).toBe('E0000003');
  });

  test('gets a user by id, login and unambiguous shortname', async () => {
    const id = okta.getUser('alan@example.com')?.id as string;
    for (const key of [id, 'alan@example.com', 'ALAN@example.com', 'alan']) {
      const res = await call(okta.url, 'GET', `/api/v1/users/${encodeURIComponent(key)}`, { token });
      expect([key, res.status, res.body.id]).toEqual([key, 200, id]);
    }
  });

  test('answers the lifecycle idempotency errors: E0000016, E0000038', async () => {
    const user = (await create({ profile: profile('Carol'), credentials: { password: { value: 'Pa55word-long' } } })).body;
    const again = await lifecycle(user.id, 'activate');
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ errorCode: 'E0000016', errorSummary: 'Activation failed because the user is already active' });
    expect((await lifecycle(user.id, 'reactivate')).body.errorCode).toBe('E0000038');
    expect((await lifecycle(user.id, 'deactivate')).status).toBe(200);
    const twice = await lifecycle(user.id, 'deactivate');
    expect(twice.status).toBe(403);
    expect(twice.body).toMatchObject({ errorCode: 'E0000038', errorSummary: "This operation is not allowed in the user's current status." });
    const back = await lifecycle(user.id, 'activate');
    expect(back.status).toBe(200);
    expect(okta.getUser(user.id)?.status).toBe('ACTIVE');
  });

  test('suspends and unsuspends only ACTIVE / SUSPENDED users, reactivates PROVISIONED ones', async () => {
    const user = (await create({ profile: profile('Dan'), credentials: { password: { value: 'Pa55word-long' } } })).body;
    expect((await lifecycle(user.id, 'unsuspend')).status).toBe(400);
    expect((await lifecycle(user.id, 'suspend')).status).toBe(200);
    expect(okta.getUser(user.id)?.status).toBe('SUSPENDED');
    expect((await lifecycle(user.id, 'suspend')).status).toBe(400);
    expect((await lifecycle(user.id, 'activate')).body.errorCode).toBe('E0000038');
    expect((await lifecycle(user.id, 'unsuspend')).status).toBe(200);
    const provisioned = (await create({ profile: profile('Erin') })).body;
    expect(provisioned.status).toBe('PROVISIONED');
    expect((await lifecycle(provisioned.id, 'reactivate')).status).toBe(200);
    expect(okta.logEvents('user.lifecycle.reactivate').map((e) => e.target[0].id)).toEqual([provisioned.id]);
  });

  test('deletes in two steps: the first DELETE deactivates, the second removes', async () => {
    const user = (await create({ profile: profile('Frank') })).body;
    expect((await call(okta.url, 'DELETE', `/api/v1/users/${user.id}`, { token })).status).toBe(204);
    expect(okta.getUser(user.id)?.status).toBe('DEPROVISIONED');
    expect((await call(okta.url, 'DELETE', `/api/v1/users/${user.id}`, { token })).status).toBe(204);
    expect(okta.getUser(user.id)).toBeUndefined();
    expect((await call(okta.url, 'GET', `/api/v1/users/${user.id}`, { token })).status).toBe(404);
  });

  test('updates profiles partially and keeps login unique', async () => {
    const user = (await create({ profile: profile('Gina', { department: 'Ops' }) })).body;
    const res = await call(okta.url, 'POST', `/api/v1/users/${user.id}`, { token, body: { profile: { title: 'Lead' } } });
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ firstName: 'Gina', department: 'Ops', title: 'Lead' });
    const clash = await call(okta.url, 'POST', `/api/v1/users/${user.id}`, { token, body: { profile: { login: 'alan@example.com' } } });
    expect(clash.body.errorCode).toBe('E0000001');
    expect(okta.logEvents('user.account.update_profile').at(-1)?.target[0]).toMatchObject({ id: user.id, alternateId: 'gina@example.com' });
  });

  test('finds users with filter (case-sensitive, limited attributes) and search (case-insensitive)', async () => {
    const byLogin = await call(okta.url, 'GET', `/api/v1/users?filter=${encodeURIComponent('profile.login eq "alan@example.com"')}`, { token });
    expect(byLogin.body.map((u: { profile: { login: string } }) => u.profile.login)).toEqual(['alan@example.com']);
    const wrongCase = await call(okta.url, 'GET', `/api/v1/users?filter=${encodeURIComponent('profile.login eq "ALAN@example.com"')}`, { token });
    expect(wrongCase.body).toEqual([]);
    const byEmail = await call(okta.url, 'GET', `/api/v1/users?search=${encodeURIComponent('profile.email eq "ALAN@EXAMPLE.COM"')}`, { token });
    expect(byEmail.body).toHaveLength(1);
    const byEmployee = await call(okta.url, 'GET', `/api/v1/users?search=${encodeURIComponent('profile.employeeNumber eq "E100"')}`, { token });
    expect(byEmployee.body[0].profile.login).toBe('alan@example.com');
    const employeeByFilter = await call(okta.url, 'GET', `/api/v1/users?filter=${encodeURIComponent('profile.employeeNumber eq "E100"')}`, { token });
    expect(employeeByFilter.status).toBe(400);
    expect(employeeByFilter.body.errorCode).toBe('E0000031');
    const suspendedOrStaged = await call(okta.url, 'GET', `/api/v1/users?search=${encodeURIComponent('status eq "STAGED" or status eq "SUSPENDED"')}`, {
      token,
    });
    expect(suspendedOrStaged.status).toBe(200);
  });

  test('hides DEPROVISIONED users from plain lists but not from filter, and pages with Link headers', async () => {
    const gone = (await create({ profile: profile('Hank') })).body;
    await lifecycle(gone.id, 'deactivate');
    const plain = await call(okta.url, 'GET', '/api/v1/users?limit=200', { token });
    expect(plain.body.map((u: { id: string }) => u.id)).not.toContain(gone.id);
    const filtered = await call(okta.url, 'GET', `/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`, { token });
    expect(filtered.body.map((u: { id: string }) => u.id)).toContain(gone.id);
    const first = await call(okta.url, 'GET', '/api/v1/users?limit=2', { token });
    expect(first.body).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    const second = await call(okta.url, 'GET', new URL(next as string).pathname + new URL(next as string).search, { token });
    expect(second.body[0].id).not.toBe(first.body[1].id);
  });

  test('manages OKTA_GROUP memberships with 204, refuses APP_GROUP, lists groups by name', async () => {
    const user = okta.getUser('barbara@example.com') as { id: string };
    const finance = okta.groupId('Finance');
    const put = await call(okta.url, 'PUT', `/api/v1/groups/${finance}/users/${user.id}`, { token });
    expect([put.status, put.body]).toEqual([204, '']);
    expect((await call(okta.url, 'PUT', `/api/v1/groups/${finance}/users/${user.id}`, { token })).status).toBe(204);
    expect(okta.logEvents('group.user_membership.add').filter((e) => e.target[1].id === finance)).toHaveLength(1);
    const members = await call(okta.url, 'GET', `/api/v1/groups/${finance}/users`, { token });
    expect(members.body.map((u: { id: string }) => u.id)).toEqual([user.id]);
    const appGroup = await call(okta.url, 'PUT', `/api/v1/groups/${okta.groupId('AD Admins')}/users/${user.id}`, { token });
    expect(appGroup.status).toBe(400);
    expect(appGroup.body.errorCauses[0].errorSummary).toMatch(/only OKTA_GROUP/);
    expect((await call(okta.url, 'DELETE', `/api/v1/groups/${finance}/users/${user.id}`, { token })).status).toBe(204);
    expect(okta.groupMembers('Finance')).toEqual([]);
    const missing = await call(okta.url, 'PUT', `/api/v1/groups/00gMissingGroup000001/users/${user.id}`, { token });
    expect([missing.status, missing.body.errorCode]).toEqual([404, 'E0000007']);

    const byQ = await call(okta.url, 'GET', '/api/v1/groups?q=fin', { token });
    expect(byQ.body.map((g: { profile: { name: string } }) => g.profile.name)).toEqual(['Finance']);
    const bySearch = await call(okta.url, 'GET', `/api/v1/groups?search=${encodeURIComponent('profile.name eq "Sales"')}`, { token });
    expect(bySearch.body).toEqual([expect.objectContaining({ id: okta.groupId('Sales'), type: 'OKTA_GROUP', objectClass: ['okta:user_group'] })]);
    const one = await call(okta.url, 'GET', `/api/v1/groups/${finance}`, { token });
    expect(one.body.profile).toEqual({ name: 'Finance', description: 'Finance dept' });
    const userGroups = await call(okta.url, 'GET', `/api/v1/users/${user.id}/groups`, { token });
    expect(userGroups.body.map((g: { profile: { name: string } }) => g.profile.name)).toEqual(['Everyone']);
  });
});

describe('Okta simulator: eventually consistent search', () => {
  test('search misses a fresh user until the index catches up, GET by login and filter do not', async () => {
    const key = await makeClientKey();
    const okta = await startOktaSimulator({
      clients: [{ clientId: '0oaSearch', publicJwk: key.publicJwk, grantedScopes: ['okta.users.manage'] }],
      searchIndexDelayMs: 300,
    });
    try {
      const token = await accessToken(okta.url, '0oaSearch', key, 'okta.users.manage');
      const login = 'fresh@example.com';
      await call(okta.url, 'POST', '/api/v1/users', {
        token,
        body: { profile: { login, email: login, firstName: 'Fresh', lastName: 'User' } },
      });
      const search = () => call(okta.url, 'GET', `/api/v1/users?search=${encodeURIComponent(`profile.login eq "${login}"`)}`, { token });
      expect((await search()).body).toEqual([]);
      expect((await call(okta.url, 'GET', `/api/v1/users/${login}`, { token })).status).toBe(200);
      const filtered = await call(okta.url, 'GET', `/api/v1/users?filter=${encodeURIComponent(`profile.login eq "${login}"`)}`, { token });
      expect(filtered.body).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await search()).body).toHaveLength(1);
    } finally {
      await okta.close();
    }
  });
});
