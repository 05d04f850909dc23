import { ENV } from '../../contract/env-names';
import { jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';
import { deliver, recover } from './helpers/deliver';
import { Ledger } from './helpers/ledger';

/**
 * A request parked in the dead-letter state holds back the later requests of the same person: a leaver queued behind
 * a failed joiner is parked too, naming the joiner, and reported to ServiceNow, instead of running as "no such user,
 * nothing to do"; replaying oldest first then applies the joiner and the leaver in ServiceNow's order.
 */
describe('a leaver behind a dead-lettered joiner', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ env: { [ENV.oktaMaxRetries]: '1', [ENV.logLevel]: 'warn' } });
  });
  afterAll(() => stack.close());

  test('after the joiner is replayed, the person ends deactivated, as the order joiner then leaver defines', async () => {
    const ledger = new Ledger();
    const joiner = jmlRequest('joiner', { person: 'parked' });
    const leaver = jmlRequest('leaver', { person: 'parked' });
    stack.okta.faults.inject({ kind: 'status', status: 503, method: 'POST', path: /^\/api\/v1\/users$/, times: Infinity });
    expect(await deliver(stack, ledger, joiner)).toBe(202);
    expect(await deliver(stack, ledger, leaver)).toBe(202);
    await stack.settle();

    const [parked] = await stack.bridge.store.findByRequestNumber(leaver.requestNumber);
    expect(parked.state).toBe('dead-lettered');
    expect(parked.outcome?.summary).toContain(`earlier joiner ${joiner.requestNumber}`);
    expect(parked.calls).toEqual([]);
    expect(stack.okta.getUser('parked@example.com')).toBeUndefined();
    const item = stack.serviceNow.getRecord('sc_req_item', leaver.requestSysId) as { state: string };
    expect(item.state).toBe('4');

    await recover(stack);

    expect((stack.okta.getUser('parked@example.com') as { status: string }).status).toBe('DEPROVISIONED');
    for (const request of [joiner, leaver]) {
      const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
      expect({ request: request.action, state: thread.state }).toEqual({ request: request.action, state: 'confirmed' });
      expect((stack.serviceNow.getRecord('sc_req_item', request.requestSysId) as { state: string }).state).toBe('3');
    }
  });
});
