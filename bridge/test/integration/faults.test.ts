import { jmlRequest } from '../../dev/harness/requests';
import { simUser } from '../../dev/harness/okta-actions';
import { startStack, TestStack } from '../../dev/harness/stack';

describe('rate limits, transient faults and the dead-letter state', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  afterEach(() => stack.okta.faults.clear());

  test('a 429 waits until X-Rate-Limit-Reset and then succeeds, with both calls on the thread', async () => {
    stack.okta.faults.inject({ kind: 'rate-limit', method: 'POST', path: /^\/api\/v1\/users$/, resetInSeconds: 1 });
    const request = jmlRequest('joiner');
    await stack.submit(request);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('confirmed');
    const creates = thread.calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/users');
    expect(creates.map((c) => c.status)).toEqual([429, 200]);
    expect(creates[0].oktaRequestId).not.toEqual(creates[1].oktaRequestId);
    expect(Date.parse(creates[1].at) - Date.parse(creates[0].at)).toBeGreaterThanOrEqual(400);
    // The wait is the one Okta's headers ask for (a reset within the next whole seconds, plus the 50 ms padding the
    // harness sets), not a backoff: it is computed from the header, so a slow machine does not change it.
    const waits = stack.logs.filter((l) => l.includes('"event":"okta.rate_limited"')).map((l) => (JSON.parse(l) as { waitMs: number }).waitMs);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeLessThanOrEqual(2 * 1000 + 50);
  });

  test('5xx answers are retried with backoff and the request still applies', async () => {
    stack.okta.faults.inject({ kind: 'status', status: 503, method: 'POST', path: /\/lifecycle\/activate$/, times: 2 });
    const request = jmlRequest('joiner');
    await stack.submit(request);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('confirmed');
    expect(thread.calls.filter((c) => c.path.endsWith('/lifecycle/activate')).map((c) => c.status)).toEqual([503, 503, 200]);
  });

  test('retry exhaustion dead-letters the request visibly, reports it, and a replay resumes it', async () => {
    stack.okta.faults.inject({ kind: 'status', status: 503, method: 'POST', path: /\/lifecycle\/activate$/, times: Infinity });
    const request = jmlRequest('joiner', { groups: ['jml-access-eng-linux-prod'] });
    await stack.submit(request);
    await stack.settle();
    const [parked] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(parked.state).toBe('dead-lettered');
    expect(parked.outcome).toMatchObject({ result: 'failure', retryable: true, compensated: false });
    expect(parked.calls.filter((c) => c.path.endsWith('/lifecycle/activate'))).toHaveLength(3);
    expect((await stack.bridge.store.findInState('dead-lettered')).map((t) => t.requestNumber)).toContain(request.requestNumber);
    expect(stack.serviceNow.getRecord('sc_req_item', request.requestSysId)?.state).toBe('4');
    expect(simUser(stack.okta, request.user.login).status).toBe('STAGED');

    stack.okta.faults.clear();
    const replayed = await stack.bridge.replay.replay(request.requestNumber);
    expect(replayed).toHaveLength(1);
    await stack.settle();
    const [done] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(done.state).toBe('confirmed');
    expect(done.replays).toBe(1);
    expect(done.attempts).toBe(2);
    expect(done.steps.filter((s) => s.step === 'create user').map((s) => s.outcome)).toEqual(['done', 'skipped']);
    expect(simUser(stack.okta, request.user.login).status).toBe('PROVISIONED');
    expect(stack.serviceNow.getRecord('sc_req_item', request.requestSysId)?.state).toBe('3');
    expect((await stack.bridge.store.findInState('dead-lettered')).map((t) => t.requestNumber)).not.toContain(request.requestNumber);
  });

  test('a permanent failure part-way is compensated: the changes already made are undone, newest first', async () => {
    stack.okta.faults.inject({ kind: 'status', status: 403, method: 'PUT', path: /^\/api\/v1\/groups\/.+\/users\/.+$/ });
    const request = jmlRequest('joiner', { groups: ['jml-access-eng-linux-prod'] });
    await stack.submit(request);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('dead-lettered');
    expect(thread.outcome).toMatchObject({ result: 'failure', retryable: false, compensated: true });
    expect(thread.steps.map((s) => `${s.step}:${s.outcome}`)).toEqual([
      'create user:done',
      'update profile:skipped',
      'add to jml-managed-users:skipped',
      'apply:failed',
      'undo create user:compensated',
    ]);
    expect(simUser(stack.okta, request.user.login).status).toBe('DEPROVISIONED');
  });

  test('a leaver whose deactivation is refused puts the removed memberships back', async () => {
    const joiner = jmlRequest('joiner', { groups: ['jml-access-eng-linux-prod'] });
    await stack.submit(joiner);
    await stack.settle();
    stack.okta.faults.inject({ kind: 'status', status: 403, method: 'POST', path: /\/lifecycle\/deactivate$/ });
    const leaver = { ...jmlRequest('leaver'), user: { login: joiner.user.login, employeeNumber: joiner.user.employeeNumber } };
    await stack.submit(leaver);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(leaver.requestNumber);
    expect(thread.outcome).toMatchObject({ result: 'failure', compensated: true });
    expect(thread.steps.map((s) => `${s.step}:${s.outcome}`)).toEqual([
      'remove from jml-access-eng-linux-prod:done',
      'apply:failed',
      'undo remove from jml-access-eng-linux-prod:compensated',
    ]);
    expect(stack.okta.userGroups(joiner.user.login)).toContain('jml-access-eng-linux-prod');
    expect(simUser(stack.okta, joiner.user.login).status).toBe('PROVISIONED');
  });

  test('a mover whose group change is refused restores the previous profile values', async () => {
    const joiner = jmlRequest('joiner');
    await stack.submit(joiner);
    await stack.settle();
    stack.okta.faults.inject({ kind: 'status', status: 403, method: 'PUT', path: /^\/api\/v1\/groups\/.+\/users\/.+$/ });
    const mover = {
      ...jmlRequest('mover', { groups: ['jml-access-finance-windows'] }),
      user: { ...joiner.user, title: 'Financial Analyst', department: 'Finance' },
    };
    await stack.submit(mover);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(mover.requestNumber);
    expect(thread.state).toBe('dead-lettered');
    expect(thread.outcome).toMatchObject({ compensated: true });
    expect(simUser(stack.okta, joiner.user.login).profile).toMatchObject({ title: 'Site Reliability Engineer', department: 'Engineering' });
    expect(thread.steps.filter((s) => s.outcome === 'compensated').map((s) => s.step)).toEqual(['undo update profile']);
  });

  test('paces itself from X-Rate-Limit-Remaining instead of running into 429s', async () => {
    const paced = await startStack({ okta: { rateLimits: { windowMs: 1000, limits: { 'users-create-list': 3 } } } });
    try {
      const requests = [0, 1, 2, 3].map(() => jmlRequest('joiner'));
      for (const request of requests) {
        await paced.submit(request);
      }
      await paced.settle();
      const threads = await Promise.all(requests.map(async (r) => (await paced.bridge.store.findByRequestNumber(r.requestNumber))[0]));
      expect(threads.map((t) => t.state)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed']);
      expect(paced.logs.some((l) => l.includes('"event":"okta.pacing"'))).toBe(true);
    } finally {
      await paced.close();
    }
  });
});
