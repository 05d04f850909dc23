import { ENV } from '../../contract/env-names';
import { jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';
import { deliver } from './helpers/deliver';
import { Ledger } from './helpers/ledger';
import { waitUntil } from '../../../test/helpers/wait';

/**
 * An Okta answer that never comes must not hold the worker (and every later request of that person) until the Lambda
 * timeout: each Okta exchange is bounded by `OKTA_HTTP_TIMEOUT_MS` (10 s by default; 1 s here to keep the test short)
 * and a timed-out call is retried like any network error.
 */
describe('an Okta call that does not answer in time', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ env: { [ENV.oktaHttpTimeoutMs]: '1000' } });
  });
  afterAll(async () => {
    stack.okta.faults.clear();
    await stack.close();
  });

  test('times out and is retried, so the joiner completes while the first answer never comes', async () => {
    const joiner = jmlRequest('joiner');
    // Held until the test ends: without the time-out the joiner would wait on it for ever (jest's time-out fails it).
    stack.okta.faults.inject({ kind: 'hold', method: 'GET', path: '/api/v1/users/' });
    expect(await deliver(stack, new Ledger(), joiner)).toBe(202);
    const stateOf = async () => (await stack.bridge.store.findByRequestNumber(joiner.requestNumber))[0]?.state;
    await waitUntil(async () => (await stateOf()) === 'confirmed');
    expect(stack.okta.faults.heldCount()).toBe(1);
    expect(stack.logs.some((line) => line.includes('okta.network_retry') && line.includes('network timeout'))).toBe(true);
  }, 180_000);
});
