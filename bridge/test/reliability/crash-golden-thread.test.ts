import { jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';
import { killWorkerAfterOktaCalls } from './helpers/crash-seam';
import { deliver } from './helpers/deliver';
import { Ledger } from './helpers/ledger';

/**
 * A worker that dies after its Okta calls and before its final update used to leave a golden thread with no call and
 * no System Log event, the crashed attempt's events filed as changes made outside the bridge. The worker now saves
 * each Okta call to the thread as it is made (`ProgressJournal`), so the redelivered attempt's thread carries them and
 * their events confirm it.
 */
describe('the golden thread after a worker crash between the Okta calls and the record update', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(() => stack.close());

  test('the thread holds the System Log events of the crashed attempt and none is filed as outside-bridge', async () => {
    await killWorkerAfterOktaCalls(stack);
    const joiner = jmlRequest('joiner');
    expect(await deliver(stack, new Ledger(), joiner)).toBe(202);
    await stack.settle();

    const [thread] = await stack.bridge.store.findByRequestNumber(joiner.requestNumber);
    const user = stack.okta.getUser(joiner.user.login) as { id: string };
    const events = await stack.bridge.store.findEventsByOktaUserId(user.id);
    expect(events.filter((e) => e.origin === 'outside-bridge').map((e) => e.eventType)).toEqual([]);
    expect(thread.confirmations.map((c) => c.eventType)).toEqual(expect.arrayContaining(['user.lifecycle.create', 'user.lifecycle.activate']));
    expect(thread.attempts).toBe(2);
    const created = thread.calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/users');
    expect(created).toHaveLength(1);
    expect(created[0].oktaRequestId).toEqual(expect.any(String));
    expect(thread.calls.some((c) => c.method === 'POST' && c.path === `/api/v1/users/${user.id}/lifecycle/activate`)).toBe(true);
    expect(new Set(thread.calls.map((c) => `${c.at}|${c.method}|${c.path}`)).size).toBe(thread.calls.length);
    expect(stack.logs.filter((line) => line.includes('worker.progress_not_saved'))).toEqual([]);
  });
});
