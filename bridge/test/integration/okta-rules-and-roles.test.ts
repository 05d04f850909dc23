import { loadEnvironment } from '../../../config/load';
import { managedGroupName, managedGroupNames, populationGroupName } from '../../../config/naming';
import { JML_ROLE_PERMISSIONS, jmlResourceSetResources } from '../../../constructs/jml-service-app/permissions';
import { profileEquals } from '../../../constructs/okta-expression';
import type { AdminRoleBinding, GroupRuleSeed, OktaSimulator } from '../../../simulators';
import { JsonLogger } from '../../src/adapters/logging/json-logger';
import { SdkOktaDirectoryFactory } from '../../src/adapters/okta/management-directory';
import { createOktaClient } from '../../src/adapters/okta/sdk-client';
import { loadConfig } from '../../src/config/load';
import { JmlRequest } from '../../src/domain/jml-request';
import { OktaCallRecord, ThreadRecord } from '../../src/domain/thread';
import { OktaDirectory } from '../../src/ports/okta-directory';
import { jmlRequest } from '../../dev/harness/requests';
import { CLIENT_ID, startStack, TestStack } from '../../dev/harness/stack';

/**
 * The example environment as the identity stack declares it in Okta, derived from the same config and builders:
 * one rule per department and role group (`BirthrightGroup`), and the JML service app's custom role bound to the
 * managed groups and their users (`JmlServiceApp`). The bridge then runs against a simulated Okta that enforces both.
 */
const { identity } = loadEnvironment('example');
const prefix = identity.groupPrefix;
const population = populationGroupName(prefix);
/** A group that exists in the org but is not managed: the kind of group a compromised bridge would target. */
const OUTSIDE_GROUP = 'okta-break-glass-admins';

function exampleGroupRules(): GroupRuleSeed[] {
  return [
    ...identity.departments.map((d) => ({ key: managedGroupName(prefix, 'dept', d.key), expression: profileEquals('department', d.value) })),
    ...identity.roles.map((r) => ({ key: managedGroupName(prefix, 'role', r.key), expression: profileEquals(r.attribute, r.value) })),
  ].map(({ key, expression }) => ({ name: key, expression, groupName: key }));
}

function exampleRoleBinding(okta: OktaSimulator): AdminRoleBinding {
  return {
    permissions: [...JML_ROLE_PERMISSIONS],
    resources: jmlResourceSetResources(
      okta.url,
      okta.groupId(population),
      managedGroupNames(identity)
        .filter((name) => name !== population)
        .map((name) => okta.groupId(name)),
    ),
  };
}

/** A department or title-matched role of the example file, by key; the scenarios below need these to exist. */
function department(key: string): { value: string } {
  const found = identity.departments.find((d) => d.key === key);
  if (!found) {
    throw new Error(`example.yaml has no department "${key}"; these tests move people between engineering, legal and finance`);
  }
  return found;
}
function titleRole(key: string): { value: string } {
  const found = identity.roles.find((r) => r.key === key && r.attribute === 'title');
  if (!found) {
    throw new Error(`example.yaml has no role "${key}" matched on title; these tests use sre and finance-analyst`);
  }
  return found;
}

describe('group rules and the custom admin role of the example environment', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({
      okta: {
        groups: [...managedGroupNames(identity), OUTSIDE_GROUP].map((name) => ({ name })),
        groupRules: exampleGroupRules(),
      },
    });
    stack.okta.assignAdminRole(CLIENT_ID, exampleRoleBinding(stack.okta));
  });
  afterAll(() => stack.close());

  async function run(request: JmlRequest): Promise<ThreadRecord> {
    expect((await stack.submit(request)).status).toBe(202);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    return thread;
  }

  const groupIds = (names: string[]) => names.map((n) => stack.okta.groupId(n));
  const touches = (calls: readonly OktaCallRecord[], ids: string[]) => calls.filter((c) => ids.some((id) => c.path.includes(id)));

  test('a joiner lands in the department and role groups by rule; a mover changes department groups with no bridge call on them', async () => {
    const engineering = managedGroupName(prefix, 'dept', 'engineering');
    const sre = managedGroupName(prefix, 'role', 'sre');
    const legal = managedGroupName(prefix, 'dept', 'legal');
    const analyst = managedGroupName(prefix, 'role', 'finance-analyst');
    const base = jmlRequest('joiner');
    const joiner: JmlRequest = { ...base, user: { ...base.user, department: department('engineering').value, title: titleRole('sre').value } };

    const joined = await run(joiner);
    expect(joined.state).toBe('confirmed');
    const id = joined.oktaUserId!;
    expect(stack.okta.userGroups(id).sort()).toEqual(['Everyone', engineering, population, sre].sort());

    const moverBase = jmlRequest('mover');
    // The legal department's value holds quotes and a backslash: the rule only matches if the expression was escaped right.
    const mover: JmlRequest = { ...moverBase, user: { ...joiner.user, department: department('legal').value, title: titleRole('finance-analyst').value } };
    const moved = await run(mover);
    expect(moved.state).toBe('confirmed');
    expect(stack.okta.userGroups(id).sort()).toEqual(['Everyone', legal, population, analyst].sort());
    expect(moved.confirmations.map((c) => c.eventType)).toEqual(['user.account.update_profile']);

    const birthright = groupIds([engineering, sre, legal, analyst]);
    expect(touches([...joined.calls, ...moved.calls], birthright)).toEqual([]);
    const ruleEvents = stack.okta
      .logEvents()
      .filter((e) => e.eventType.startsWith('group.user_membership.') && e.target[0].id === id && birthright.includes(e.target[1].id));
    expect(ruleEvents.map((e) => `${e.eventType} ${e.target[1].displayName}`)).toEqual([
      `group.user_membership.add ${engineering}`,
      `group.user_membership.add ${sre}`,
      `group.user_membership.remove ${engineering}`,
      `group.user_membership.remove ${sre}`,
      `group.user_membership.add ${legal}`,
      `group.user_membership.add ${analyst}`,
    ]);
    expect(ruleEvents.every((e) => e.actor.type === 'SystemPrincipal' && e.transaction.type === 'JOB')).toBe(true);
    const recorded = await stack.bridge.store.findEventsByOktaUserId(id);
    const ruleIds = new Set(ruleEvents.map((e) => e.uuid));
    expect(recorded.filter((e) => ruleIds.has(e.eventId)).map((e) => e.origin)).toEqual(Array(6).fill('outside-bridge'));
    expect(stack.okta.roleRefusals()).toEqual([]);
  });

  test('a leaver keeps rule memberships while deactivated; a rehire is re-evaluated; nothing needs more than the role', async () => {
    const access = managedGroupName(prefix, 'access', identity.serverAccessGroups[0].key);
    const engineering = managedGroupName(prefix, 'dept', 'engineering');
    const base = jmlRequest('joiner', { groups: [access] });
    const joiner: JmlRequest = { ...base, user: { ...base.user, department: department('engineering').value } };
    const refusalsBefore = stack.okta.roleRefusals().length;
    expect((await run(joiner)).state).toBe('confirmed');
    const id = stack.okta.getUser(joiner.user.login)!.id as string;

    const leaverBase = jmlRequest('leaver');
    const left = await run({ ...leaverBase, user: { login: joiner.user.login, employeeNumber: joiner.user.employeeNumber } });
    expect(left.state).toBe('confirmed');
    expect(stack.okta.getUser(id)?.status).toBe('DEPROVISIONED');
    expect(stack.okta.userGroups(id)).not.toContain(access);
    expect(stack.okta.userGroups(id)).toEqual(expect.arrayContaining([population, engineering]));

    const rehireBase = jmlRequest('rehire');
    const rehired = await run({ ...rehireBase, user: { ...joiner.user, department: department('finance').value } });
    expect(rehired.state).toBe('confirmed');
    expect(stack.okta.userGroups(id)).toEqual(expect.arrayContaining([population, managedGroupName(prefix, 'dept', 'finance')]));
    expect(stack.okta.userGroups(id)).not.toContain(engineering);
    expect(stack.okta.roleRefusals().slice(refusalsBefore)).toEqual([]);
  });

  describe('least privilege twice: the bridge refuses, and behind it Okta refuses', () => {
    let direct: OktaDirectory;
    const calls: OktaCallRecord[] = [];
    const refused = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ kind: 'permanent', status: 403, errorCode: 'E0000006' });
    const person = (name: string) => ({ login: `${name}@example.com`, email: `${name}@example.com`, firstName: 'Least', lastName: 'Privilege' });

    beforeAll(async () => {
      // The bridge's own Okta adapter with the bridge's own credentials, minus its managed-group checks.
      const { okta } = await loadConfig(['okta'], stack.env);
      const client = createOktaClient(okta, new JsonLogger('silent'));
      direct = new SdkOktaDirectoryFactory(client).forCalls((call) => {
        calls.push(call);
      });
    });

    test('the bridge refuses a group outside its managed set before calling Okta', async () => {
      const response = await stack.submit(jmlRequest('joiner', { groups: [OUTSIDE_GROUP] }));
      expect(response.status).toBe(403);
      expect(JSON.stringify(response.body)).toContain(`group '${OUTSIDE_GROUP}' is not in the managed set`);
      expect(stack.okta.getUser(`${OUTSIDE_GROUP}@example.com`)).toBeUndefined();
    });

    test('Okta refuses a group outside the resource set, even for a user of the population', async () => {
      const member = stack.okta.seedUser({ profile: person('population.member'), groups: [population] }).id as string;
      const [outside, access] = groupIds([OUTSIDE_GROUP, managedGroupName(prefix, 'access', identity.serverAccessGroups[0].key)]);

      await refused(direct.addToGroup(outside, member));
      await refused(direct.createUser(person('new.admin'), [stack.okta.groupId(population), outside]));
      expect(stack.okta.userGroups(member)).not.toContain(OUTSIDE_GROUP);
      expect(stack.okta.getUser('new.admin@example.com')).toBeUndefined();
      expect(stack.okta.roleRefusals().map((r) => r.reason)).toEqual([
        `group ${outside} is not in the resource set`,
        `groupIds ${outside} are not in the resource set`,
      ]);

      await direct.addToGroup(access, member);
      expect(stack.okta.userGroups(member)).toContain(managedGroupName(prefix, 'access', identity.serverAccessGroups[0].key));
      await direct.removeFromGroup(access, member);
    });

    test('Okta refuses any call on a user outside the population', async () => {
      const outsider = stack.okta.seedUser({ profile: { ...person('chief.executive'), department: 'Executive' } });
      const id = outsider.id as string;
      const before = stack.okta.roleRefusals().length;
      const callsBefore = calls.length;
      const access = stack.okta.groupId(managedGroupName(prefix, 'access', identity.serverAccessGroups[0].key));

      await refused(direct.findUser('chief.executive@example.com'));
      await refused(direct.updateProfile(id, { department: department('engineering').value }));
      await refused(direct.deactivate(id));
      await refused(direct.addToGroup(access, id));
      await refused(direct.listGroups(id));
      await refused(direct.createUser(person('stray.user'), []));

      expect(stack.okta.getUser(id)).toMatchObject({ status: 'ACTIVE', profile: { department: 'Executive' } });
      expect(stack.okta.userGroups(id)).toEqual(['Everyone']);
      expect(
        stack.okta
          .roleRefusals()
          .slice(before)
          .every((r) => r.clientId === CLIENT_ID),
      ).toBe(true);
      expect(stack.okta.roleRefusals()).toHaveLength(before + 6);
      // One HTTP call each: a 403 is final, the adapter does not retry it.
      expect(calls.slice(callsBefore).map((c) => `${c.method} ${c.status}`)).toEqual(['GET 403', 'POST 403', 'POST 403', 'PUT 403', 'GET 403', 'POST 403']);
    });

    test('a joiner whose login belongs to a user outside the population is dead-lettered by the 403, and changes nothing', async () => {
      const request = jmlRequest('joiner');
      const existing = stack.okta.seedUser({ profile: { login: request.user.login, email: request.user.email!, firstName: 'Not', lastName: 'Onboarded' } });
      const thread = await run(request);
      expect(thread.state).toBe('dead-lettered');
      expect(thread.outcome).toMatchObject({ result: 'failure', retryable: false });
      expect(thread.outcome?.summary).toMatch(/403 E0000006/);
      expect(stack.okta.getUser(existing.id as string)).toMatchObject({ status: 'ACTIVE', profile: { firstName: 'Not' } });
      expect(stack.okta.userGroups(existing.id as string)).toEqual(['Everyone']);
    });
  });
});
