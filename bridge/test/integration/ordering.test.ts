import { isoDate, jmlRequest } from '../../dev/harness/requests';
import { simUser } from '../../dev/harness/okta-actions';
import { startStack, TestStack } from '../../dev/harness/stack';

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
    stack.okta.faults.inject({ kind: 'delay', delayMs: 3000, method: 'GET', path: `/api/v1/users/${encodeURIComponent(slow.user.login)}` });
    await stack.submit(slow);
    await stack.submit(fast);
    const deadline = Date.now() + 2500;
    let fastState = '';
    while (Date.now() < deadline && fastState !== 'confirmed' && fastState !== 'applied') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      fastState = (await stack.bridge.store.findByRequestNumber(fast.requestNumber))[0]?.state ?? '';
    }
    expect(['applied', 'confirmed']).toContain(fastState);
    expect((await stack.bridge.store.findByRequestNumber(slow.requestNumber))[0].state).toBe('applying');
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
