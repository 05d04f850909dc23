import { ADMIN_CONTEXT, simUser } from '../../dev/harness/okta-actions';
import { jmlRequest } from '../../dev/harness/requests';
import { EVENT_HOOK_SECRET, startStack, TestStack } from '../../dev/harness/stack';

describe('Okta event hook', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const hookUrl = () => `${stack.bridge.url}/v1/okta/events`;

  test('answers the one-time verification by echoing the challenge', async () => {
    const response = await fetch(hookUrl(), { headers: { authorization: EVENT_HOOK_SECRET, 'x-okta-verification-challenge': 'abc123' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ verification: 'abc123' });
  });

  test('refuses verification and deliveries without the right header secret', async () => {
    const get = await fetch(hookUrl(), { headers: { authorization: 'Bearer wrong', 'x-okta-verification-challenge': 'abc123' } });
    expect(get.status).toBe(401);
    const post = await fetch(hookUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"data":{"events":[]}}' });
    expect(post.status).toBe(401);
    expect(await post.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  test('the simulator registered the hook through a real verification round trip', async () => {
    await expect(stack.okta.registerEventHook({ url: hookUrl(), authHeader: { key: 'Authorization', value: 'Bearer wrong' } })).rejects.toThrow(/verification/);
  });

  test('confirms a thread with the System Log event ids of the awaited types caused by its own calls', async () => {
    const request = jmlRequest('joiner');
    await stack.submit(request);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('confirmed');
    const logged = stack.okta.logEvents().filter((e) => e.target.some((t) => t.id === thread.oktaUserId));
    const awaited = logged.filter((e) => e.eventType === 'user.lifecycle.create' || e.eventType === 'user.lifecycle.activate');
    expect(thread.confirmations.map((c) => c.eventId).sort()).toEqual(awaited.map((e) => e.uuid).sort());
    // The population-group membership the create call also caused was not awaited, so it confirms nothing.
    expect(logged.some((e) => e.eventType === 'group.user_membership.add')).toBe(true);
    expect(thread.confirmations.map((c) => c.eventType)).not.toContain('group.user_membership.add');
  });

  test("records a change made outside the bridge next to the user's threads, and ignores a redelivery", async () => {
    const request = jmlRequest('joiner');
    await stack.submit(request);
    await stack.settle();
    const user = simUser(stack.okta, request.user.login);
    stack.okta.directory.updateProfile(user.id, { title: 'Chief Everything Officer' }, ADMIN_CONTEXT);
    await stack.settle();
    const events = await stack.bridge.store.findEventsByOktaUserId(user.id);
    const outside = events.filter((e) => e.origin === 'outside-bridge');
    expect(outside).toEqual([
      expect.objectContaining({ eventType: 'user.account.update_profile', actor: 'admin@example.com', oktaRequestId: ADMIN_CONTEXT.requestId }),
    ]);

    const [event] = stack.okta.logEvents('user.account.update_profile').filter((e) => e.target.some((t) => t.id === user.id));
    const redelivery = await fetch(hookUrl(), {
      method: 'POST',
      headers: { authorization: EVENT_HOOK_SECRET, 'content-type': 'application/json' },
      body: JSON.stringify({ eventType: 'com.okta.event_hook', data: { events: [event] } }),
    });
    expect(redelivery.status).toBe(204);
    expect(await stack.bridge.store.findEventsByOktaUserId(user.id)).toHaveLength(events.length);
  });

  test('malformed deliveries are 400, never 5xx', async () => {
    const response = await fetch(hookUrl(), {
      method: 'POST',
      headers: { authorization: EVENT_HOOK_SECRET, 'content-type': 'application/json' },
      body: '{"data":',
    });
    expect(response.status).toBe(400);
    const noEvents = await fetch(hookUrl(), {
      method: 'POST',
      headers: { authorization: EVENT_HOOK_SECRET, 'content-type': 'application/json' },
      body: '{"data":{}}',
    });
    expect(noEvents.status).toBe(400);
  });
});
