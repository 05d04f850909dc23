import { ENV } from '../../../bridge/src/config/env-names';
import { jmlRequest } from '../../../bridge/test/helpers/requests';
import { startStack, TestStack } from '../../../bridge/test/helpers/stack';
import { deliver, recover } from '../helpers/deliver';
import { Ledger } from '../helpers/ledger';

/**
 * Known bridge gap (reported to the lead, see docs/benchmarks.md): a request parked in the dead-letter state does
 * not hold back the later requests of the same person, so a leaver queued behind a failed joiner runs first as
 * "no such user, nothing to do" and is closed in ServiceNow; replaying the joiner then leaves the person active.
 * Fails until the worker refuses to apply a request while an earlier one of the same user is unfinished.
 */
describe('known bug: a leaver behind a dead-lettered joiner', () => {
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
    await recover(stack);

    expect((stack.okta.getUser('parked@example.com') as { status: string }).status).toBe('DEPROVISIONED');
  });
});
