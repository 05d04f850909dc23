import { startStack, TestStack } from '../../dev/harness/stack';
import { ENV } from '../../contract/env-names';
import { isoDate, jmlRequest } from '../../dev/harness/requests';

describe('joiner against the Okta simulator', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('creates the user in the population group, activates it, adds requested groups and confirms from the event hook', async () => {
    const request = jmlRequest('joiner', { groups: ['jml-access-eng-linux-prod'] });
    const response = await stack.submit(request);
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ requestNumber: request.requestNumber, duplicate: false });
    await stack.settle();

    const user = stack.okta.getUser(request.user.login) as { id: string; status: string; profile: Record<string, string> };
    expect(user.status).toBe('PROVISIONED');
    expect(user.profile).toMatchObject({ department: 'Engineering', title: 'Site Reliability Engineer', employeeNumber: request.user.employeeNumber });
    expect(stack.okta.userGroups(user.id)).toEqual(expect.arrayContaining(['jml-managed-users', 'jml-access-eng-linux-prod']));

    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('confirmed');
    expect(thread.oktaUserId).toBe(user.id);
    expect(thread.correlationId).toBe(response.body.correlationId);
    expect(thread.request.approvals).toEqual(request.approvals);
    expect(thread.history.map((h) => h.state)).toEqual(['received', 'queued', 'applying', 'applied', 'confirmed']);
    expect(thread.calls.length).toBeGreaterThan(3);
    expect(thread.calls.filter((c) => c.path.startsWith('/api/')).every((c) => /\S/.test(c.oktaRequestId ?? ''))).toBe(true);
    const eventTypes = thread.confirmations.map((c) => c.eventType);
    expect(eventTypes).toEqual(expect.arrayContaining(['user.lifecycle.create', 'user.lifecycle.activate', 'group.user_membership.add']));
    const callIds = new Set(thread.calls.map((c) => c.oktaRequestId));
    expect(thread.confirmations.every((c) => callIds.has(c.oktaRequestId))).toBe(true);
    expect(await stack.bridge.store.findByOktaUserId(user.id)).toHaveLength(1);
  });

  test('a future effective date creates a STAGED user and activates it once the date is due', async () => {
    const request = jmlRequest('joiner', { effectiveDate: isoDate(3) });
    expect((await stack.submit(request)).status).toBe(202);
    await stack.settle();
    const staged = stack.okta.getUser(request.user.login) as { status: string };
    expect(staged.status).toBe('STAGED');
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('scheduled');
    expect(thread.dueAt).toBe(`${request.effectiveDate}T00:00:00.000Z`);
    expect(await stack.bridge.replay.releaseDue()).toHaveLength(0);

    stack.advanceClock(3 * 86_400_000);
    const released = await stack.bridge.replay.releaseDue();
    expect(released.map((r) => r.requestNumber)).toContain(request.requestNumber);
    await stack.settle();
    expect((stack.okta.getUser(request.user.login) as { status: string }).status).toBe('PROVISIONED');
    const [done] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(done.state).toBe('confirmed');
    expect(done.history.map((h) => h.state)).toEqual(['received', 'queued', 'applying', 'scheduled', 'queued', 'applying', 'applied', 'confirmed']);
    stack.advanceClock(-3 * 86_400_000);
  });

  test('an existing login of the same employee is reconciled, not duplicated', async () => {
    const request = jmlRequest('joiner');
    stack.okta.seedUser({
      profile: { login: request.user.login, email: request.user.email!, firstName: 'Old', lastName: 'Name', employeeNumber: request.user.employeeNumber },
      status: 'STAGED',
      groups: ['jml-managed-users'],
    });
    expect((await stack.submit(request)).status).toBe(202);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('confirmed');
    expect(thread.steps.find((s) => s.step === 'create user')).toMatchObject({ outcome: 'skipped' });
    expect(stack.okta.listUsers().filter((u) => (u.profile as { login: string }).login === request.user.login)).toHaveLength(1);
    expect((stack.okta.getUser(request.user.login) as { profile: { firstName: string } }).profile.firstName).toBe('Ada');
  });

  test('refuses a login that belongs to another employee and changes nothing', async () => {
    const request = jmlRequest('joiner');
    // In the population (an earlier hire whose login is being reused), so the bridge's own person check decides.
    stack.okta.seedUser({
      profile: { login: request.user.login, email: request.user.email!, firstName: 'Someone', lastName: 'Else', employeeNumber: 'E-OTHER' },
      status: 'ACTIVE',
      groups: ['jml-managed-users'],
    });
    expect((await stack.submit(request)).status).toBe(202);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('dead-lettered');
    expect(thread.outcome).toMatchObject({ result: 'failure', retryable: false });
    expect(thread.outcome?.summary).toMatch(/belongs to employee E-OTHER/);
    expect((stack.okta.getUser(request.user.login) as { profile: { firstName: string } }).profile.firstName).toBe('Someone');
  });

  test('logs one JSON object per line with the correlation id, and never a secret', async () => {
    const request = jmlRequest('joiner');
    const { body } = await stack.submit(request);
    await stack.settle();
    const lines = stack.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.every((l) => typeof l.level === 'string' && typeof l.time === 'string' && typeof l.event === 'string')).toBe(true);
    expect(lines.filter((l) => l.correlationId === body.correlationId).map((l) => l.event)).toEqual(
      expect.arrayContaining(['intake.accepted', 'worker.applying', 'worker.settled']),
    );
    const everything = stack.logs.join('\n');
    const privateJwk = JSON.parse(stack.env[ENV.oktaPrivateKey]) as { d: string };
    const serviceNow = JSON.parse(stack.env[ENV.serviceNowCredentials]) as { password: string };
    for (const secret of [stack.webhookSecret, stack.webhookSecret.slice(6), privateJwk.d, serviceNow.password, stack.env[ENV.eventHookSecret]]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/Bearer ey/);
  });
});
