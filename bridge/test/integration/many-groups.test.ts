import { startStack, MANAGED_GROUPS, TestStack } from '../../dev/harness/stack';
import { jmlRequest } from '../../dev/harness/requests';

/** The example's groups plus enough server-access groups that the list alone would be ~150 KB of environment. */
const MANY = [...MANAGED_GROUPS, ...Array.from({ length: 5000 }, (_, i) => `jml-access-team-${i}-servers`)];

describe('a bridge managing thousands of groups', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ managedGroups: MANY });
  }, 180_000);
  afterAll(() => stack.close());

  test('reads them from the configuration table, not its environment, and applies a joiner to one of the new groups', async () => {
    expect(Object.keys(stack.env)).not.toContain('BRIDGE_MANAGED_GROUPS');
    expect(JSON.stringify(stack.env).length).toBeLessThan(16_384);
    const request = jmlRequest('joiner', { groups: ['jml-access-team-4321-servers'] });
    expect((await stack.submit(request)).status).toBe(202);
    await stack.settle();
    const user = stack.okta.getUser(request.user.login) as { id: string };
    expect(stack.okta.userGroups(user.id)).toEqual(expect.arrayContaining(['jml-managed-users', 'jml-access-team-4321-servers']));
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('confirmed');
  });

  test('refuses a group outside the set with a 4xx that stays short however many groups there are', async () => {
    const response = await stack.submit(jmlRequest('joiner', { groups: ['jml-access-not-managed'] }));
    expect(response.status).toBe(403);
    const text = JSON.stringify(response.body);
    expect(text).toContain("group 'jml-access-not-managed' is not in the managed set");
    expect(text).toMatch(/and \d+ more/);
    expect(text.length).toBeLessThan(4096);
  });
});
