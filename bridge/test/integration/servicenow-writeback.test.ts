import { jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';

describe('ServiceNow write-back through the Table API', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('a confirmed joiner leaves work notes with the thread evidence and closes the requested item', async () => {
    const request = jmlRequest('joiner');
    const { body } = await stack.submit(request);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('confirmed');

    const item = stack.serviceNow.getRecord('sc_req_item', request.requestSysId);
    expect(item?.state).toBe('3');
    const notes = stack.serviceNow.journal(request.requestSysId, 'work_notes').map((n) => n.value);
    expect(notes.length).toBeGreaterThanOrEqual(1);
    const last = notes[notes.length - 1];
    expect(last).toContain(`correlation id: ${String(body.correlationId)}`);
    expect(last).toContain(`Okta user: ${thread.oktaUserId}`);
    expect(last).toMatch(/is confirmed/);
    for (const call of thread.calls.filter((c) => c.path.startsWith('/api/'))) {
      expect(last).toContain(call.oktaRequestId);
    }
    expect(stack.serviceNow.journal(request.requestSysId, 'work_notes').every((n) => n.createdBy === 'svc.jml-bridge')).toBe(true);
    expect(thread.serviceNowWrites.every((w) => w.ok)).toBe(true);
    expect(thread.serviceNowWrites.map((w) => w.state)).toContain('3');
    const reported = thread.serviceNowWrites.map((w) => `${w.threadState}#${w.attempt}`);
    expect(new Set(reported).size).toBe(reported.length);
    expect(notes).toHaveLength(thread.serviceNowWrites.length);
  });

  test('a dead-lettered request is reported as Closed Incomplete with the replay command', async () => {
    const request = jmlRequest('rehire');
    await stack.submit(request);
    await stack.settle();
    expect(stack.serviceNow.getRecord('sc_req_item', request.requestSysId)?.state).toBe('4');
    const [note] = stack.serviceNow.journal(request.requestSysId, 'work_notes').map((n) => n.value);
    expect(note).toMatch(/is dead-lettered/);
    expect(note).toContain(`npm run bridge:replay -- ${request.requestNumber}`);
  });

  test('a ServiceNow outage is recorded on the thread without touching the Okta outcome', async () => {
    stack.serviceNow.faults.inject({ kind: 'status', status: 503, times: Infinity });
    try {
      const request = jmlRequest('joiner');
      await stack.submit(request);
      await stack.settle();
      const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
      expect(thread.state).toBe('confirmed');
      expect(thread.serviceNowWrites.length).toBeGreaterThan(0);
      expect(thread.serviceNowWrites.every((w) => !w.ok && /ServiceNow answered 503/.test(w.error ?? ''))).toBe(true);
      expect(stack.logs.some((line) => line.includes('servicenow.writeback_failed'))).toBe(true);
    } finally {
      stack.serviceNow.faults.clear();
    }
  });

  test('with OAuth client credentials: fetches a token, and fetches a new one when the instance revokes it', async () => {
    const oauth = await startStack({ serviceNowAuth: 'oauth', eventHook: false });
    try {
      const first = jmlRequest('joiner');
      await oauth.submit(first);
      await oauth.settle();
      oauth.serviceNow.expireAccessTokens();
      const second = jmlRequest('joiner');
      await oauth.submit(second);
      await oauth.settle();
      for (const request of [first, second]) {
        expect(oauth.serviceNow.getRecord('sc_req_item', request.requestSysId)?.state).toBe('2');
        expect(oauth.serviceNow.journal(request.requestSysId, 'work_notes').map((n) => n.createdBy)).toEqual(['svc.jml-bridge']);
      }
      const tokenCalls = oauth.serviceNow.requests().filter((r) => r.path === '/oauth_token.do');
      expect(tokenCalls).toHaveLength(2);
    } finally {
      await oauth.close();
    }
  });
});
