import { JmlRequest } from '../../src/domain/jml-request';
import { ThreadRecord } from '../../src/domain/thread';
import { ADMIN_CONTEXT, faultsConsumed, simUser } from '../../dev/harness/okta-actions';
import { isoDate, jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';

describe('mover, leaver, rehire and Okta idempotency answers', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  afterEach(() => stack.okta.faults.clear());

  async function run(request: JmlRequest): Promise<ThreadRecord> {
    const response = await stack.submit(request);
    expect(response.status).toBe(202);
    await stack.settle();
    const threads = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(threads).toHaveLength(1);
    return threads[0];
  }

  async function joined(groups: string[] = []): Promise<JmlRequest> {
    const joiner = jmlRequest('joiner', { groups });
    expect((await run(joiner)).state).toBe('confirmed');
    return joiner;
  }

  function sameperson(base: JmlRequest, action: JmlRequest['action'], overrides: Partial<JmlRequest> = {}): JmlRequest {
    const next = jmlRequest(action, overrides);
    const user = action === 'leaver' ? { login: base.user.login, employeeNumber: base.user.employeeNumber } : { ...base.user, ...(overrides.user ?? {}) };
    return { ...next, user };
  }

  test('mover updates the profile and swaps explicit groups, leaving birthright groups alone', async () => {
    const joiner = await joined(['jml-access-eng-linux-prod']);
    const id = simUser(stack.okta, joiner.user.login).id;
    stack.okta.directory.addMember(stack.okta.groupId('jml-dept-engineering'), id, ADMIN_CONTEXT);
    const mover = sameperson(joiner, 'mover', { groups: ['jml-access-eng-windows-prod'], user: { ...joiner.user, title: 'Database Administrator' } });
    const thread = await run(mover);

    expect(thread.state).toBe('confirmed');
    expect(simUser(stack.okta, joiner.user.login).profile.title).toBe('Database Administrator');
    const groups = stack.okta.userGroups(id);
    expect(groups).toEqual(expect.arrayContaining(['jml-access-eng-windows-prod', 'jml-dept-engineering', 'jml-managed-users']));
    expect(groups).not.toContain('jml-access-eng-linux-prod');
    expect(thread.confirmations.map((c) => c.eventType).sort()).toEqual([
      'group.user_membership.add',
      'group.user_membership.remove',
      'user.account.update_profile',
    ]);
  });

  test('a future-dated mover waits for its effective date before changing anything', async () => {
    const joiner = await joined();
    const mover = sameperson(joiner, 'mover', { effectiveDate: isoDate(2), user: { ...joiner.user, title: 'Financial Analyst' } });
    const thread = await run(mover);
    expect(thread.state).toBe('scheduled');
    expect(simUser(stack.okta, joiner.user.login).profile.title).toBe('Site Reliability Engineer');
    stack.advanceClock(2 * 86_400_000);
    try {
      expect((await stack.bridge.replay.releaseDue()).map((t) => t.requestNumber)).toEqual([mover.requestNumber]);
      await stack.settle();
    } finally {
      stack.advanceClock(-2 * 86_400_000);
    }
    expect(simUser(stack.okta, joiner.user.login).profile.title).toBe('Financial Analyst');
    expect((await stack.bridge.store.findByRequestNumber(mover.requestNumber))[0].state).toBe('confirmed');
  });

  test('leaver removes explicit managed memberships and deactivates; a second leaver is a no-op', async () => {
    const joiner = await joined(['jml-access-finance-windows']);
    const id = simUser(stack.okta, joiner.user.login).id;
    const thread = await run(sameperson(joiner, 'leaver'));
    expect(thread.state).toBe('confirmed');
    expect(simUser(stack.okta, id).status).toBe('DEPROVISIONED');
    expect(stack.okta.userGroups(id)).not.toContain('jml-access-finance-windows');
    expect(stack.okta.userGroups(id)).toContain('jml-managed-users');

    const again = await run(sameperson(joiner, 'leaver'));
    expect(again.state).toBe('confirmed');
    expect(again.steps).toEqual([expect.objectContaining({ step: 'deactivate', outcome: 'skipped', detail: expect.stringMatching(/already DEPROVISIONED/) })]);
  });

  test('leaver of a login Okta does not know is applied as nothing to do', async () => {
    const thread = await run(jmlRequest('leaver'));
    expect(thread.state).toBe('confirmed');
    expect(thread.outcome?.summary).toMatch(/no such user/);
  });

  test('rehire reactivates a deactivated user with activate (reactivate is only for PROVISIONED)', async () => {
    const joiner = await joined();
    const id = simUser(stack.okta, joiner.user.login).id;
    await run(sameperson(joiner, 'leaver'));
    const thread = await run(sameperson(joiner, 'rehire'));
    expect(thread.state).toBe('confirmed');
    expect(['ACTIVE', 'PROVISIONED']).toContain(simUser(stack.okta, id).status);
    expect(thread.calls.some((c) => c.path === `/api/v1/users/${id}/lifecycle/activate` && c.status === 200)).toBe(true);
    expect(thread.calls.some((c) => c.path.endsWith('/lifecycle/reactivate'))).toBe(false);
  });

  test('rehire of a suspended user unsuspends it', async () => {
    const request = jmlRequest('rehire');
    stack.okta.seedUser({
      profile: { ...request.user, login: request.user.login, email: request.user.email! },
      status: 'SUSPENDED',
      groups: ['jml-managed-users'],
    });
    const thread = await run(request);
    expect(thread.state).toBe('confirmed');
    expect(simUser(stack.okta, request.user.login).status).toBe('ACTIVE');
  });

  test('rehire of someone Okta never had is dead-lettered with the fix, without retrying', async () => {
    const thread = await run(jmlRequest('rehire'));
    expect(thread.state).toBe('dead-lettered');
    expect(thread.outcome).toMatchObject({ result: 'failure', retryable: false });
    expect(thread.outcome?.summary).toMatch(/send a joiner/);
  });

  test('joiner for a deprovisioned user of the same employee applies as a rehire', async () => {
    const request = jmlRequest('joiner');
    stack.okta.seedUser({
      profile: { ...request.user, login: request.user.login, email: request.user.email! },
      status: 'DEPROVISIONED',
      groups: ['jml-managed-users'],
    });
    const thread = await run(request);
    expect(thread.state).toBe('confirmed');
    expect(['ACTIVE', 'PROVISIONED']).toContain(simUser(stack.okta, request.user.login).status);
    expect(thread.steps[0]).toMatchObject({ step: 'create user', outcome: 'skipped', detail: expect.stringMatching(/applying as a rehire/) });
  });

  test('E0000016 (already active) from a concurrent activation is treated as done after re-reading', async () => {
    const request = jmlRequest('joiner');
    stack.okta.seedUser({
      profile: { ...request.user, login: request.user.login, email: request.user.email! },
      status: 'STAGED',
      groups: ['jml-managed-users'],
    });
    stack.okta.faults.inject({ kind: 'delay', delayMs: 1000, method: 'POST', path: /\/lifecycle\/activate$/ });
    await stack.submit(request);
    await faultsConsumed(stack.okta);
    stack.okta.directory.activate(request.user.login, ADMIN_CONTEXT);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    // The bridge changed nothing, so nothing is awaited; the admin's activation is kept as an outside-bridge change.
    expect(thread.state).toBe('confirmed');
    expect(thread.calls.find((c) => c.path.endsWith('/lifecycle/activate'))).toMatchObject({ status: 403 });
    expect(thread.steps.find((s) => s.step === 'activate')).toMatchObject({ outcome: 'skipped', detail: expect.stringMatching(/E0000016/) });
    const events = await stack.bridge.store.findEventsByOktaUserId(thread.oktaUserId!);
    expect(events).toEqual([expect.objectContaining({ eventType: 'user.lifecycle.activate', origin: 'outside-bridge', actor: 'admin@example.com' })]);
  });

  test('E0000038 (wrong status) from a concurrent deactivation is treated as done after re-reading', async () => {
    const joiner = await joined();
    stack.okta.faults.inject({ kind: 'delay', delayMs: 1000, method: 'POST', path: /\/lifecycle\/deactivate$/ });
    const leaver = sameperson(joiner, 'leaver');
    await stack.submit(leaver);
    await faultsConsumed(stack.okta);
    stack.okta.directory.deactivate(joiner.user.login, ADMIN_CONTEXT);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(leaver.requestNumber);
    expect(thread.steps.find((s) => s.step === 'deactivate')).toMatchObject({ outcome: 'skipped', detail: expect.stringMatching(/E0000038/) });
    expect(thread.state).toBe('confirmed');
    const events = await stack.bridge.store.findEventsByOktaUserId(thread.oktaUserId!);
    expect(events.filter((e) => e.origin === 'outside-bridge').map((e) => e.eventType)).toEqual(['user.lifecycle.deactivate']);
  });

  test('E0000001 duplicate login on create (a create that raced) reconciles with the existing user', async () => {
    const request = jmlRequest('joiner');
    stack.okta.faults.inject({ kind: 'delay', delayMs: 1000, method: 'POST', path: /^\/api\/v1\/users$/ });
    await stack.submit(request);
    await faultsConsumed(stack.okta);
    stack.okta.seedUser({
      profile: { ...request.user, login: request.user.login, email: request.user.email! },
      status: 'STAGED',
      groups: ['jml-managed-users'],
    });
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/users')).toMatchObject({ status: 400 });
    expect(thread.steps.find((s) => s.step === 'create user')).toMatchObject({ outcome: 'skipped', detail: expect.stringMatching(/already taken/) });
    expect(['ACTIVE', 'PROVISIONED']).toContain(simUser(stack.okta, request.user.login).status);
    expect(stack.okta.listUsers().filter((u) => (u.profile as { login: string }).login === request.user.login)).toHaveLength(1);
  });
});
