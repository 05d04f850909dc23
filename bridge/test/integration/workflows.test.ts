import type { FlowContext, FlowInput, FlowRegistration } from '../../../simulators';
import { ENV } from '../../contract/env-names';
import { JmlRequest } from '../../src/domain/jml-request';
import { simUser } from '../../dev/harness/okta-actions';
import { jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';

const ACTIONS = ['joiner', 'mover', 'leaver', 'rehire'] as const;
const CLIENT_TOKEN = 'flow-client-token-for-tests';

/** A joiner flow as a Workflows builder would write it: create and activate, then report what it did. */
function joinerFlow(input: FlowInput, ctx: FlowContext): unknown {
  const body = input.body as JmlRequest & { correlationId: string };
  const { managerLogin: _manager, ...profile } = body.user;
  const user = ctx.directory.createUser({ profile }, true, ctx.op);
  return {
    oktaUserId: user.id,
    summary: `flow created ${user.id}`,
    awaiting: ['user.lifecycle.create', 'user.lifecycle.activate'],
    oktaRequestIds: [ctx.op.requestId],
  };
}

function refusingFlow(): unknown {
  return { kind: 'raw', statusCode: 400, body: '{"message":"employee is on legal hold"}' };
}

function flows(security: FlowRegistration['security']): Record<string, FlowRegistration> {
  return Object.fromEntries(
    ACTIONS.map((action) => [
      `jml-${action}`,
      { security, ...(security === 'client-token' ? { clientToken: CLIENT_TOKEN } : {}), handler: action === 'joiner' ? joinerFlow : refusingFlow },
    ]),
  );
}

function flowEnv(auth: 'oauth' | 'client-token') {
  return (oktaUrl: string): Record<string, string> => ({
    [ENV.executor]: 'workflows',
    [ENV.workflowsAuth]: auth,
    [ENV.workflowsFlowUrls]: JSON.stringify(Object.fromEntries(ACTIONS.map((a) => [a, `${oktaUrl}/api/flo/jml-${a}/invoke`]))),
    ...(auth === 'client-token' ? { [ENV.workflowsClientToken]: CLIENT_TOKEN } : {}),
  });
}

describe('Okta Workflows executor', () => {
  describe('with OAuth (private_key_jwt, scope okta.workflows.invoke.manage)', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await startStack({ okta: { flows: flows('oauth') }, env: flowEnv('oauth') });
    });
    afterAll(() => stack.close());

    test('invokes the joiner flow with the request and correlation id; the event hook confirms the reported calls', async () => {
      const request = jmlRequest('joiner');
      const { body } = await stack.submit(request);
      await stack.settle();
      const [run] = stack.okta.flowExecutions('jml-joiner');
      expect(run.input.body).toMatchObject({ correlationId: body.correlationId, requestNumber: request.requestNumber });
      expect(run.input.headers.authorization).toMatch(/^Bearer /);
      const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
      expect(thread.state).toBe('confirmed');
      expect(thread.oktaUserId).toBe(simUser(stack.okta, request.user.login).id);
      expect(thread.confirmations.map((c) => c.eventType).sort()).toEqual(['user.lifecycle.activate', 'user.lifecycle.create']);
      const health = await (await fetch(`${stack.bridge.url}/health`)).json();
      expect(health).toMatchObject({ executor: 'workflows' });
    });

    test("a flow that refuses (Return Raw 400) dead-letters the request with the flow's message, without retrying", async () => {
      const request = jmlRequest('rehire');
      await stack.submit(request);
      await stack.settle();
      const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
      expect(thread.state).toBe('dead-lettered');
      expect(thread.outcome).toMatchObject({ retryable: false });
      expect(thread.outcome?.summary).toMatch(/legal hold/);
      expect(stack.okta.flowExecutions('jml-rehire')).toHaveLength(1);
    });
  });

  describe('with a client token', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await startStack({ okta: { flows: flows('client-token') }, env: flowEnv('client-token') });
    });
    afterAll(() => stack.close());

    test('sends the token in x-api-client-token, never in the URL', async () => {
      const request = jmlRequest('joiner');
      await stack.submit(request);
      await stack.settle();
      const [run] = stack.okta.flowExecutions('jml-joiner');
      expect(run.input.headers['x-api-client-token']).toBe(CLIENT_TOKEN);
      expect(run.input.query).toEqual({});
      expect((await stack.bridge.store.findByRequestNumber(request.requestNumber))[0].state).toBe('confirmed');
    });
  });
});
