import { jmlRequest } from '../../../bridge/test/helpers/requests';
import { startStack, TestStack } from '../../../bridge/test/helpers/stack';
import { deliver } from '../helpers/deliver';
import { Ledger } from '../helpers/ledger';

/**
 * Known bridge gap (reported to the lead, see docs/benchmarks.md): Okta calls have no timeout (the SDK's
 * RequestExecutor is called without a signal), so one hung answer holds the worker, and every later request of that
 * person, until the Lambda timeout kills the invocation; the local worker waits for ever. Fails until calls time out
 * and are retried like other transient failures.
 */
describe('known bug: an Okta call that never answers', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    stack.okta.faults.clear();
    // While the bug stands the worker never returns, and close() waits for it: give up after 2 s.
    await Promise.race([stack.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  });

  test('times out and is retried, so the joiner still completes within 20 s', async () => {
    const joiner = jmlRequest('joiner');
    stack.okta.faults.inject({ kind: 'delay', delayMs: 120_000, method: 'GET', path: '/api/v1/users/' });
    expect(await deliver(stack, new Ledger(), joiner)).toBe(202);
    const deadline = Date.now() + 20_000;
    let state = '';
    while (Date.now() < deadline && state !== 'confirmed') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await stack.bridge.store.findByRequestNumber(joiner.requestNumber))[0]?.state ?? '';
    }
    expect(state).toBe('confirmed');
  }, 30_000);
});
