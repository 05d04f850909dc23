import * as fc from 'fast-check';
import { jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';
import { JmlRequest } from '../../src/domain/jml-request';

/**
 * The bridge itself refuses any existing user outside its population (not in the population group), whatever Okta's
 * role would have said: here the simulated service app has no admin role binding, so Okta allows everything, and the
 * bridge is the only guard. Every action is tried on accounts made by hand, in every status, with and without a
 * matching employeeNumber; each is refused with the reason on the thread and in ServiceNow, and the user is unchanged.
 */
describe('population: the bridge never touches a user it did not onboard (Okta role enforcement off)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ oktaRoleEnforcement: false });
  });
  afterAll(() => stack.close());

  const outsideAccount = fc.record({
    action: fc.constantFrom<JmlRequest['action']>('joiner', 'mover', 'leaver', 'rehire'),
    status: fc.constantFrom('ACTIVE', 'SUSPENDED', 'DEPROVISIONED', 'STAGED', 'PROVISIONED', 'LOCKED_OUT'),
    employeeNumber: fc.constantFrom<'same' | 'none'>('same', 'none'),
    groups: fc.subarray(['Okta Administrators', 'jml-access-eng-linux-prod', 'jml-dept-engineering']),
  });

  test('mover, leaver, rehire or joiner for an outside user is refused by the bridge and the user is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(outsideAccount, async ({ action, status, employeeNumber, groups }) => {
        const request = jmlRequest(action, action === 'mover' ? { groups: ['jml-access-eng-linux-prod'] } : {});
        const existingGroups = groups.filter((g) => stack.okta.getGroupByName(g));
        stack.okta.seedUser({
          profile: {
            login: request.user.login,
            email: request.user.login,
            firstName: 'Hand',
            lastName: 'Made',
            department: 'Executive',
            ...(employeeNumber === 'same' ? { employeeNumber: request.user.employeeNumber } : {}),
          },
          status: status as 'ACTIVE',
          groups: existingGroups,
        });
        const before = { user: stack.okta.getUser(request.user.login), groups: stack.okta.userGroups(request.user.login).sort() };
        const eventsBefore = stack.okta.logEvents().length;

        expect((await stack.submit(request)).status).toBe(202);
        await stack.settle();

        const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
        expect({ state: thread.state, outcome: thread.outcome }).toMatchObject({ state: 'dead-lettered', outcome: { result: 'failure', retryable: false } });
        expect(thread.outcome?.summary).toMatch(/outside the bridge's population \(not a member of jml-managed-users\)/);
        expect(thread.oktaUserId).toBeUndefined();
        const notes = stack.serviceNow.journal(request.requestSysId, 'work_notes').map((n) => n.value);
        expect(notes.some((n) => n.includes("outside the bridge's population"))).toBe(true);
        expect({ user: stack.okta.getUser(request.user.login), groups: stack.okta.userGroups(request.user.login).sort() }).toEqual(before);
        // Nothing changed in Okta: no System Log event after the seed.
        expect(stack.okta.logEvents().slice(eventsBefore)).toEqual([]);
        expect(thread.calls.every((c) => c.method === 'GET' || c.path === '/oauth2/v1/token')).toBe(true);
      }),
      { numRuns: 16 },
    );
  });

  test('a user the bridge onboarded is still moved and deactivated', async () => {
    const joiner = jmlRequest('joiner');
    await stack.submit(joiner);
    await stack.settle();
    const person = joiner.user.login.split('@')[0];
    const mover = jmlRequest('mover', { person, groups: ['jml-access-eng-linux-prod'] });
    await stack.submit(mover);
    await stack.settle();
    const leaver = jmlRequest('leaver', { person });
    await stack.submit(leaver);
    await stack.settle();
    for (const request of [joiner, mover, leaver]) {
      const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
      expect({ action: request.action, state: thread.state }).toEqual({ action: request.action, state: 'confirmed' });
    }
    expect((stack.okta.getUser(joiner.user.login) as { status: string }).status).toBe('DEPROVISIONED');
  });
});
