import fc from 'fast-check';
import { profileEquals } from '../../constructs/okta-expression';
import { startOktaSimulator, type OktaSimulator } from '../index';
import { parseProfileEquals } from '../okta/group-rule-expression';
import { accessToken, ALL_SCOPES, call, makeClientKey } from './helpers';

describe('Okta simulator: group rule expressions', () => {
  test('reads back every value profileEquals writes, quotes and backslashes included', () => {
    expect(parseProfileEquals(profileEquals('department', 'Legal "Counsel" \\ Compliance'))).toEqual({
      attribute: 'department',
      value: 'Legal "Counsel" \\ Compliance',
    });
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((v) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(v)),
        (value) => {
          expect(parseProfileEquals(profileEquals('title', value))).toEqual({ attribute: 'title', value });
        },
      ),
    );
  });

  test('accepts spaces around == and refuses every other form with the reason', () => {
    expect(parseProfileEquals(' user.costCenter == "42" ')).toEqual({ attribute: 'costCenter', value: '42' });
    const refused: Array<[string, RegExp]> = [
      ['isMemberOfGroup("00g1")', /does not start with user.<attribute>==/],
      ['user.department=="Sales" OR user.department=="Legal"', /more after the string literal/],
      ["user.department=='Sales'", /not a double-quoted string literal/],
      ['user.department=="Sa\\nles"', /escape \\n .* is not/],
      ['user.department=="Sales', /not closed/],
      ['user.1dept=="Sales"', /not a profile attribute name/],
      ['user.department!="Sales"', /does not start with user.<attribute>==/],
    ];
    for (const [expression, reason] of refused) {
      expect(() => parseProfileEquals(expression)).toThrow(reason);
      expect(() => parseProfileEquals(expression)).toThrow(/simulator evaluates only user.<attribute>=="<value>"/);
    }
  });

  test('the simulator refuses at start a rule it cannot evaluate, or one for an unknown group', async () => {
    await expect(
      startOktaSimulator({
        groups: [{ name: 'Sales' }],
        groupRules: [{ name: 'Sales', expression: 'String.startsWith(user.department,"S")', groupName: 'Sales' }],
      }),
    ).rejects.toThrow(/String.startsWith.* is not supported/);
    await expect(startOktaSimulator({ groupRules: [{ name: 'Sales', expression: 'user.department=="Sales"', groupName: 'Sales' }] })).rejects.toThrow(
      /assigns group "Sales", which does not exist/,
    );
  });
});

describe('Okta simulator: group rules over the API', () => {
  let okta: OktaSimulator;
  let token: string;
  let seq = 0;
  const legal = 'Legal "Counsel" \\ Compliance';

  const create = async (department: string, activate = true, title = 'Engineer') => {
    seq += 1;
    const login = `rules${seq}@example.com`;
    const res = await call(okta.url, 'POST', `/api/v1/users?activate=${activate}`, {
      token,
      body: { profile: { login, email: login, firstName: 'Rule', lastName: `User${seq}`, department, title } },
    });
    expect(res.status).toBe(200);
    return res;
  };
  const update = (id: string, profile: Record<string, unknown>) => call(okta.url, 'POST', `/api/v1/users/${id}`, { token, body: { profile } });
  const groupsOf = (id: string) =>
    okta
      .userGroups(id)
      .filter((g) => g !== 'Everyone')
      .sort();

  beforeAll(async () => {
    const key = await makeClientKey();
    okta = await startOktaSimulator({
      clients: [{ clientId: '0oaRules', publicJwk: key.publicJwk, grantedScopes: ALL_SCOPES }],
      groups: [{ name: 'dept-eng' }, { name: 'dept-sales' }, { name: 'dept-legal' }, { name: 'role-sre' }, { name: 'manual' }],
      groupRules: [
        { name: 'dept-eng', expression: profileEquals('department', 'Engineering'), groupName: 'dept-eng' },
        { name: 'dept-sales', expression: profileEquals('department', 'Sales & Marketing'), groupName: 'dept-sales' },
        { name: 'dept-legal', expression: profileEquals('department', legal), groupName: 'dept-legal' },
        { name: 'role-sre', expression: profileEquals('title', 'Site Reliability Engineer'), groupName: 'role-sre' },
      ],
    });
    token = await accessToken(okta.url, '0oaRules', key, ALL_SCOPES.join(' '));
  });
  afterAll(() => okta.close());

  test('a new user joins the groups whose rules match, logged as an Okta System job apart from the API call', async () => {
    const res = await create('Engineering', true, 'Site Reliability Engineer');
    const id = res.body.id as string;
    expect(groupsOf(id)).toEqual(['dept-eng', 'role-sre']);
    const adds = okta.logEvents('group.user_membership.add').filter((e) => e.target[0].id === id);
    expect(adds.map((e) => e.target[1].displayName).sort()).toEqual(['dept-eng', 'role-sre']);
    for (const event of adds) {
      expect(event.actor).toMatchObject({ type: 'SystemPrincipal', displayName: 'Okta System' });
      expect(event.transaction.type).toBe('JOB');
      expect(event.debugContext.debugData.requestId).not.toBe(res.headers.get('x-okta-request-id'));
    }
    const created = okta.logEvents('user.lifecycle.create').find((e) => e.target[0].id === id);
    expect(created?.debugContext.debugData.requestId).toBe(res.headers.get('x-okta-request-id'));
  });

  test('matches the escaped literal exactly and case-sensitively', async () => {
    expect(groupsOf((await create(legal)).body.id)).toEqual(['dept-legal']);
    expect(groupsOf((await create('engineering')).body.id)).toEqual([]);
    expect(groupsOf((await create('Legal "Counsel" \\\\ Compliance')).body.id)).toEqual([]);
  });

  test('a mover whose department changes leaves the old rule group and joins the new one', async () => {
    const id = (await create('Engineering')).body.id as string;
    const before = okta.logEvents().length;
    expect((await update(id, { department: 'Sales & Marketing' })).status).toBe(200);
    expect(groupsOf(id)).toEqual(['dept-sales']);
    const after = okta
      .logEvents()
      .slice(before)
      .map((e) => `${e.eventType} ${e.target[1]?.displayName ?? ''}`.trim());
    expect(after).toEqual(['user.account.update_profile', 'group.user_membership.remove dept-eng', 'group.user_membership.add dept-sales']);
    expect((await update(id, { title: 'Accountant' })).status).toBe(200);
    expect(okta.logEvents().length).toBe(before + 4);
  });

  test('STAGED users are evaluated; DEPROVISIONED users keep their memberships and are not re-evaluated', async () => {
    const id = (await create('Engineering', false)).body.id as string;
    expect(okta.getUser(id)?.status).toBe('STAGED');
    expect(groupsOf(id)).toEqual(['dept-eng']);
    expect((await call(okta.url, 'POST', `/api/v1/users/${id}/lifecycle/deactivate`, { token })).status).toBe(200);
    expect(groupsOf(id)).toEqual(['dept-eng']);
    expect((await update(id, { department: 'Sales & Marketing' })).status).toBe(200);
    expect(groupsOf(id)).toEqual(['dept-eng']);
    expect((await call(okta.url, 'POST', `/api/v1/users/${id}/lifecycle/activate?sendEmail=false`, { token })).status).toBe(200);
    expect(groupsOf(id)).toEqual(['dept-sales']);
  });

  test('a manual member stays when they stop matching; one who starts matching becomes rule-managed', async () => {
    const id = (await create('Finance')).body.id as string;
    expect((await call(okta.url, 'PUT', `/api/v1/groups/${okta.groupId('dept-eng')}/users/${id}`, { token })).status).toBe(204);
    await update(id, { department: 'Legal' });
    expect(groupsOf(id)).toEqual(['dept-eng']);
    await update(id, { department: 'Engineering' });
    await update(id, { department: 'Finance' });
    expect(groupsOf(id)).toEqual([]);
  });

  test('removing a rule-managed member puts them on the rule exclusion list, so the rule does not add them back', async () => {
    const id = (await create('Engineering')).body.id as string;
    const gid = okta.groupId('dept-eng');
    expect((await call(okta.url, 'DELETE', `/api/v1/groups/${gid}/users/${id}`, { token })).status).toBe(204);
    expect(okta.groupRules().find((r) => r.name === 'dept-eng')?.excludedUserIds).toContain(id);
    await update(id, { firstName: 'Again' });
    expect(groupsOf(id)).toEqual([]);
    expect(okta.groupRules().find((r) => r.name === 'dept-sales')?.excludedUserIds).not.toContain(id);
  });

  test('a rule added later runs over the existing users, and an unsupported one is refused', async () => {
    const id = (await create('Support')).body.id as string;
    const rule = okta.addGroupRule({ name: 'manual-support', expression: 'user.department=="Support"', groupName: 'manual' });
    expect(rule).toMatchObject({ id: expect.stringMatching(/^0pr/), groupId: okta.groupId('manual'), excludedUserIds: [] });
    expect(groupsOf(id)).toEqual(['manual']);
    expect(() => okta.addGroupRule({ name: 'x', expression: 'user.department eq "Support"', groupName: 'manual' })).toThrow(/not supported/);
    expect(() => okta.addGroupRule({ name: 'manual-support', expression: 'user.department=="X"', groupName: 'manual' })).toThrow(/declared twice/);
  });

  test('seeded users start with the memberships the rules give, without events', () => {
    const before = okta.logEvents().length;
    const user = okta.seedUser({
      profile: { login: 'seeded.sre@example.com', email: 'seeded.sre@example.com', firstName: 'S', lastName: 'R', title: 'Site Reliability Engineer' },
    });
    expect(groupsOf(user.id as string)).toEqual(['role-sre']);
    expect(okta.logEvents().length).toBe(before);
  });
});
