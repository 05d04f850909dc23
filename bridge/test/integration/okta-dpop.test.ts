import { jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';

describe('Okta service app that requires DPoP', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ requireDpop: true });
  });
  afterAll(() => stack.close());

  test('the SDK completes the use_dpop_nonce handshake through the bridge executor and the joiner applies', async () => {
    const request = jmlRequest('joiner');
    await stack.submit(request);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('confirmed');
    const tokenCalls = thread.calls.filter((c) => c.path === '/oauth2/v1/token');
    expect(tokenCalls.map((c) => c.status)).toEqual([400, 200]);
  });
});
