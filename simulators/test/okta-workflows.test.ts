import { FlowError, startOktaSimulator, type FlowInput, type OktaSimulator } from '../index';
import { accessToken, call, makeClientKey } from './helpers';

interface JoinerInput {
  readonly correlationId: string;
  readonly login: string;
}

describe('Okta simulator: Workflows API-endpoint flows', () => {
  let okta: OktaSimulator;
  /** The async leaver flow runs on only once the test lets it, after it saw the caller's answer. */
  let letLeaverFinish!: () => void;
  const leaverMayFinish = new Promise<void>((resolve) => (letLeaverFinish = resolve));
  let invokeToken: string;
  let usersOnlyToken: string;

  beforeAll(async () => {
    const key = await makeClientKey();
    okta = await startOktaSimulator({
      clients: [{ clientId: '0oaInvoker', publicJwk: key.publicJwk, grantedScopes: ['okta.workflows.invoke.manage', 'okta.users.read'] }],
      workflowsConnectionCloseMs: 300,
      workflowsInvocationsPerSecond: 3,
      flows: {
        joiner: {
          security: 'client-token',
          clientToken: 'flow-client-token',
          handler: (input: FlowInput, ctx) => {
            const body = input.body as JoinerInput;
            const user = ctx.directory.createUser(
              { profile: { login: body.login, email: body.login, firstName: 'Flow', lastName: 'User', correlationId: body.correlationId } },
              true,
              ctx.op,
            );
            return { oktaUserId: user.id, oktaRequestIds: [ctx.op.requestId], awaiting: ['user.lifecycle.activate'] };
          },
        },
        leaver: {
          security: 'oauth',
          mode: 'async',
          handler: async (input: FlowInput, ctx) => {
            await leaverMayFinish;
            ctx.directory.deactivate((input.body as { login: string }).login, ctx.op);
          },
        },
        refuse: {
          security: 'none',
          handler: () => {
            throw new FlowError(422, 'department is not mapped');
          },
        },
        raw: { security: 'none', handler: () => ({ kind: 'raw', statusCode: 400, headers: { 'X-Flow': 'raw' }, body: 'plain refusal' }) },
        slow: { security: 'none', handler: () => new Promise((resolve) => setTimeout(() => resolve({ late: true }), 800)) },
      },
    });
    invokeToken = await accessToken(okta.url, '0oaInvoker', key, 'okta.workflows.invoke.manage');
    usersOnlyToken = await accessToken(okta.url, '0oaInvoker', key, 'okta.users.read');
  });
  afterAll(async () => {
    letLeaverFinish();
    await okta.waitForFlows();
    await okta.close();
  });

  test('runs a client-token flow synchronously (query or header token) and returns its output with 200', async () => {
    const viaQuery = await call(okta.url, 'POST', '/api/flo/joiner/invoke?clientToken=flow-client-token', {
      body: { correlationId: 'RITM0010001', login: 'flow1@example.com' },
    });
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.body).toEqual({ oktaUserId: expect.stringMatching(/^00u/), oktaRequestIds: [expect.any(String)], awaiting: ['user.lifecycle.activate'] });
    expect(okta.getUser('flow1@example.com')?.status).toBe('PROVISIONED');
    const [created] = okta.logEvents('user.lifecycle.create').filter((e) => e.target[0].alternateId === 'flow1@example.com');
    expect(created.actor.displayName).toBe('Okta Workflows');
    expect(created.debugContext.debugData.requestId).toBe(viaQuery.body.oktaRequestIds[0]);

    const viaHeader = await call(okta.url, 'POST', '/api/flo/joiner/invoke', {
      headers: { 'x-api-client-token': 'flow-client-token' },
      body: { correlationId: 'RITM0010002', login: 'flow2@example.com' },
    });
    expect(viaHeader.status).toBe(200);
    expect(okta.flowExecutions('joiner').map((r) => (r.input.body as JoinerInput).correlationId)).toEqual(['RITM0010001', 'RITM0010002']);
  });

  test('refuses a missing or wrong client token', async () => {
    expect((await call(okta.url, 'POST', '/api/flo/joiner/invoke', { body: {} })).status).toBe(401);
    expect((await call(okta.url, 'POST', '/api/flo/joiner/invoke?clientToken=nope', { body: {} })).status).toBe(401);
    expect((await call(okta.url, 'POST', '/api/flo/unknown/invoke', { body: {} })).status).toBe(404);
  });

  test('runs an OAuth-secured async flow: immediate 200 {} and the flow finishes afterwards', async () => {
    okta.seedUser({ profile: { login: 'leaving@example.com', email: 'leaving@example.com', firstName: 'L', lastName: 'V' } });
    const noScope = await call(okta.url, 'POST', '/api/flo/leaver/invoke', { token: usersOnlyToken, body: { login: 'leaving@example.com' } });
    expect([noScope.status, noScope.body.errorCode]).toEqual([403, 'E0000006']);
    expect((await call(okta.url, 'POST', '/api/flo/leaver/invoke', { body: {} })).status).toBe(401);
    const res = await call(okta.url, 'POST', '/api/flo/leaver/invoke', { token: invokeToken, body: { login: 'leaving@example.com' } });
    expect([res.status, res.body]).toEqual([200, {}]);
    expect(okta.getUser('leaving@example.com')?.status).toBe('ACTIVE');
    letLeaverFinish();
    await okta.waitForFlows();
    expect(okta.getUser('leaving@example.com')?.status).toBe('DEPROVISIONED');
  });

  test('answers Return Error and Return Raw cards with their status', async () => {
    const refused = await call(okta.url, 'POST', '/api/flo/refuse/invoke', { body: {} });
    expect([refused.status, refused.body]).toEqual([422, { message: 'department is not mapped' }]);
    const raw = await call(okta.url, 'GET', '/api/flo/raw/invoke');
    expect([raw.status, raw.body, raw.headers.get('x-flow')]).toEqual([400, 'plain refusal', 'raw']);
  });

  test('closes the connection of a sync flow that outlives the connection limit', async () => {
    await expect(call(okta.url, 'POST', '/api/flo/slow/invoke', { body: {} })).rejects.toThrow(/fetch failed/);
    await okta.waitForFlows();
    expect(okta.flowExecutions('slow')[0].output).toEqual({ late: true });
  });

  test('answers 429 beyond the per-flow invocations per second', async () => {
    // All at once: one after another, a busy machine could spread them over more than the limit's second.
    const statuses = await Promise.all(Array.from({ length: 8 }, async () => (await call(okta.url, 'GET', '/api/flo/raw/invoke')).status));
    expect(statuses).toContain(429);
  });
});
