import { isoDate, jmlRequest } from '../../dev/harness/requests';
import { simUser } from '../../dev/harness/okta-actions';
import { startStack, TestStack } from '../../dev/harness/stack';
import { waitUntil } from '../../../test/helpers/wait';

describe('per-user ordering and duplicate deliveries', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  afterEach(() => stack.okta.faults.clear());

  test('a leaver queued behind its slow joiner applies after it, and the user ends deactivated', async () => {
    const joiner = jmlRequest('joiner');
    const leaver = { ...jmlRequest('leaver'), user: { login: joiner.user.login, employeeNumber: joiner.user.employeeNumber } };
    stack.okta.faults.inject({ kind: 'delay', delayMs: 400, method: 'POST', path: /^\/api\/v1\/users$/ });
    expect((await stack.submit(joiner)).status).toBe(202);
    expect((await stack.submit(leaver)).status).toBe(202);
    await stack.settle();

    const [j] = await stack.bridge.store.findByRequestNumber(joiner.requestNumber);
    const [l] = await stack.bridge.store.findByRequestNumber(leaver.requestNumber);
    expect(j.state).toBe('confirmed');
    expect(l.state).toBe('confirmed');
    const joinerApplied = j.history.find((h) => h.state === 'applied')!.at;
    const leaverApplying = l.history.find((h) => h.state === 'applying')!.at;
    expect(leaverApplying >= joinerApplied).toBe(true);
    expect(l.steps.find((s) => s.step === 'deactivate')).toMatchObject({ outcome: 'done' });
    expect(simUser(stack.okta, joiner.user.login).status).toBe('DEPROVISIONED');
  });

  test("a joiner that arrives after the same person's leaver (effective the same day or later) is refused, not applied", async () => {
    const joiner = jmlRequest('joiner', { effectiveDate: isoDate(-10) });
    const leaver = { ...jmlRequest('leaver', { effectiveDate: isoDate(0) }), user: { login: joiner.user.login, employeeNumber: joiner.user.employeeNumber } };
    await stack.submit(leaver);
    await stack.settle();
    await stack.submit(joiner);
    await stack.settle();
    const [j] = await stack.bridge.store.findByRequestNumber(joiner.requestNumber);
    expect(j.state).toBe('dead-lettered');
    expect(j.outcome?.summary).toMatch(new RegExp(`leaver ${leaver.requestNumber} .* was already applied .* out of order`));
    expect(j.calls).toEqual([]);
    expect(stack.okta.getUser(joiner.user.login)).toBeUndefined();
  });

  test('a rehire effective after the leaver is applied normally', async () => {
    const joiner = jmlRequest('joiner', { effectiveDate: isoDate(-30) });
    const person = { login: joiner.user.login, employeeNumber: joiner.user.employeeNumber };
    await stack.submit(joiner);
    await stack.settle();
    await stack.submit({ ...jmlRequest('leaver', { effectiveDate: isoDate(-5) }), user: person });
    await stack.settle();
    const rehire = { ...jmlRequest('rehire', { effectiveDate: isoDate(0) }), user: joiner.user };
    await stack.submit(rehire);
    await stack.settle();
    expect((await stack.bridge.store.findByRequestNumber(rehire.requestNumber))[0].state).toBe('confirmed');
    expect(['ACTIVE', 'PROVISIONED']).toContain(simUser(stack.okta, joiner.user.login).status);
  });

  test('another user is not held up behind a slow one', async () => {
    const slow = jmlRequest('joiner');
    const fast = jmlRequest('joiner');
    // The slow person's first Okta call is held until the fast one is done: were the fast one queued behind it, it
    // would never finish (jest's time-out fails the test).
    stack.okta.faults.inject({ kind: 'hold', method: 'GET', path: `/api/v1/users/${encodeURIComponent(slow.user.login)}` });
    await stack.submit(slow);
    await stack.submit(fast);
    const stateOf = async (request: typeof slow) => (await stack.bridge.store.findByRequestNumber(request.requestNumber))[0]?.state ?? '';
    await waitUntil(async () => ['applied', 'confirmed'].includes(await stateOf(fast)));
    expect(await stateOf(slow)).toBe('applying');
    expect(stack.okta.faults.heldCount()).toBe(1);
    stack.okta.faults.release();
    await stack.settle();
    expect((await stack.bridge.store.findByRequestNumber(slow.requestNumber))[0].state).toBe('confirmed');
  });

  test('a duplicated queue message after completion does not apply the request twice', async () => {
    const request = jmlRequest('joiner');
    const { body } = await stack.submit(request);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    const outcome = await stack.bridge.processor.process({
      threadKey: thread.threadKey,
      correlationId: String(body.correlationId),
      userKey: thread.userKey,
      replay: 0,
    });
    expect(outcome).toBe('skipped');
    const [after] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(after.attempts).toBe(1);
    expect(after.calls).toHaveLength(thread.calls.length);
  });
});
