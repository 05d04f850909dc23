import { jmlRequest } from '../../../bridge/test/helpers/requests';
import { startStack, TestStack } from '../../../bridge/test/helpers/stack';
import { killWorkerAfterOktaCalls } from '../helpers/crash-seam';
import { deliver } from '../helpers/deliver';
import { Ledger } from '../helpers/ledger';

/**
 * Known bridge gap (reported to the lead, see docs/benchmarks.md): when the worker dies after its Okta calls and
 * before saving them, the redelivery finds nothing left to do, so the thread ends "confirmed" with no Okta call and no
 * System Log event, while the events of the calls that did the work are filed as changes made outside the bridge
 * (false drift). Nothing is applied twice; the golden thread is what is wrong. Fails until those calls or events are
 * attributed to the request (for example by persisting each call as it is made, or by the event's actor being the
 * bridge's own service app).
 */
describe('known bug: golden thread after a worker crash between the Okta calls and the record update', () => {
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
  });
});
