import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOktaSimulator, type LogEvent, type OktaSimulator } from '../index';
import { accessToken, ALL_SCOPES, call, makeClientKey } from './helpers';
import { waitUntil } from '../../test/helpers/wait';

interface Received {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: any;
}

/** A real local HTTP receiver that echoes verification challenges and records deliveries. */
async function startReceiver(answer: (n: number) => number = () => 200): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  let posts = 0;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined });
      if (req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ verification: req.headers['x-okta-verification-challenge'] }));
        return;
      }
      posts += 1;
      res.writeHead(answer(posts));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/okta/events`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Okta simulator: System Log and event hooks', () => {
  let okta: OktaSimulator;
  let token: string;

  beforeAll(async () => {
    const key = await makeClientKey();
    okta = await startOktaSimulator({
      clients: [{ clientId: '0oaHooks', publicJwk: key.publicJwk, grantedScopes: ALL_SCOPES, displayName: 'JML bridge' }],
      groups: [{ name: 'Engineering' }],
      eventHookBatchDelayMs: 20,
      eventHookRetryDelayMs: 20,
      // No test here is about the time-out (Okta's is 3 s): the receivers answer in this process, late only on a busy
      // machine, and a late answer must not turn into a second delivery.
      eventHookTimeoutMs: 60_000,
    });
    token = await accessToken(okta.url, '0oaHooks', key, ALL_SCOPES.join(' '));
  });
  afterAll(() => okta.close());

  test('writes Okta-shaped System Log events correlated with X-Okta-Request-Id', async () => {
    const created = await call(okta.url, 'POST', '/api/v1/users?activate=false', {
      token,
      body: { profile: { firstName: 'Log', lastName: 'Ger', email: 'logger@example.com', login: 'logger@example.com' } },
    });
    const requestId = created.headers.get('x-okta-request-id');
    const [event] = okta.logEvents('user.lifecycle.create');
    expect(event).toMatchObject({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      published: expect.any(String),
      eventType: 'user.lifecycle.create',
      severity: 'INFO',
      actor: { id: '0oaHooks', type: 'PublicClientApp', alternateId: '0oaHooks', displayName: 'JML bridge' },
      target: [{ id: created.body.id, type: 'User', alternateId: 'logger@example.com', displayName: 'Log Ger' }],
      outcome: { result: 'SUCCESS' },
      transaction: { type: 'WEB', id: requestId },
      debugContext: { debugData: { requestId, requestUri: '/api/v1/users' } },
    });
    const since = new Date(Date.parse(event.published) - 1).toISOString();
    const filter = encodeURIComponent(`eventType eq "user.lifecycle.create" and target.id eq "${created.body.id}"`);
    const res = await call(okta.url, 'GET', `/api/v1/logs?since=${encodeURIComponent(since)}&filter=${filter}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.map((e: LogEvent) => e.uuid)).toEqual([event.uuid]);
  });

  test('verifies the hook endpoint, then delivers batched events with the auth header', async () => {
    const receiver = await startReceiver();
    try {
      await okta.registerEventHook({
        url: receiver.url,
        authHeader: { key: 'Authorization', value: 'Bearer hook-secret' },
        events: ['user.lifecycle.create', 'user.lifecycle.activate', 'group.user_membership.add'],
      });
      expect(receiver.received[0]).toMatchObject({ method: 'GET', headers: { authorization: 'Bearer hook-secret' } });
      expect(receiver.received[0].headers['x-okta-verification-challenge']).toBeTruthy();

      const created = await call(okta.url, 'POST', '/api/v1/users', {
        token,
        body: {
          profile: { firstName: 'Hook', lastName: 'Ed', email: 'hooked@example.com', login: 'hooked@example.com' },
          groupIds: [okta.groupId('Engineering')],
        },
      });
      await call(okta.url, 'POST', `/api/v1/users/${created.body.id}`, { token, body: { profile: { title: 'x' } } });
      await okta.flushEventHooks();
      const posts = receiver.received.filter((r) => r.method === 'POST');
      expect(posts).toHaveLength(1);
      expect(posts[0].headers).toMatchObject({ authorization: 'Bearer hook-secret', 'content-type': 'application/json' });
      expect(posts[0].body).toMatchObject({
        eventType: 'com.okta.event_hook',
        eventTypeVersion: '1.0',
        cloudEventsVersion: '0.1',
        source: expect.stringContaining(`${okta.url}/api/v1/eventHooks/`),
        eventId: expect.any(String),
        contentType: 'application/json',
      });
      // The profile update is not subscribed; create, membership and activation are, in that order.
      expect(posts[0].body.data.events.map((e: LogEvent) => e.eventType)).toEqual([
        'user.lifecycle.create',
        'group.user_membership.add',
        'user.lifecycle.activate',
      ]);
      expect(posts[0].body.data.events[1].target.map((t: { type: string }) => t.type)).toEqual(['User', 'UserGroup']);
    } finally {
      await receiver.close();
    }
  });

  test('delivers on its own shortly after the change, without a flush', async () => {
    const receiver = await startReceiver();
    try {
      await okta.registerEventHook({ url: receiver.url, events: ['user.lifecycle.deactivate'] });
      const user = okta.seedUser({ profile: { firstName: 'A', lastName: 'Uto', email: 'auto@example.com', login: 'auto@example.com' } });
      await call(okta.url, 'POST', `/api/v1/users/${user.id}/lifecycle/deactivate`, { token });
      await waitUntil(() => receiver.received.some((r) => r.method === 'POST'), 10);
      const post = receiver.received.find((r) => r.method === 'POST');
      expect(post?.body.data.events.map((e: LogEvent) => [e.eventType, e.target[0].id])).toEqual([['user.lifecycle.deactivate', user.id]]);
    } finally {
      await receiver.close();
    }
  });

  test('retries once on 5xx and not on 4xx, and logs the failed delivery', async () => {
    const flaky = await startReceiver((n) => (n === 1 ? 503 : 200));
    const rejecting = await startReceiver(() => 400);
    try {
      const flakyId = await okta.registerEventHook({ url: flaky.url, events: ['user.lifecycle.suspend'] });
      const rejectingId = await okta.registerEventHook({ url: rejecting.url, events: ['user.lifecycle.suspend'] });
      const user = okta.seedUser({ profile: { firstName: 'S', lastName: 'U', email: 'susp@example.com', login: 'susp@example.com' } });
      await call(okta.url, 'POST', `/api/v1/users/${user.id}/lifecycle/suspend`, { token });
      await okta.flushEventHooks();
      const attempts = okta.eventHookDeliveries();
      expect(attempts.filter((d) => d.hookId === flakyId).map((d) => [d.attempt, d.status])).toEqual([
        [1, 503],
        [2, 200],
      ]);
      expect(attempts.filter((d) => d.hookId === rejectingId).map((d) => [d.attempt, d.status])).toEqual([[1, 400]]);
      const flakyPosts = flaky.received.filter((r) => r.method === 'POST');
      expect(flakyPosts[0].body.eventId).toBe(flakyPosts[1].body.eventId);
      expect(okta.logEvents('event_hook.delivery')).toEqual([expect.objectContaining({ outcome: { result: 'FAILURE', reason: 'HTTP 400' } })]);
    } finally {
      await flaky.close();
      await rejecting.close();
    }
  });

  test('refuses to register a hook whose endpoint does not echo the challenge', async () => {
    const wrong = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"verification":"something else"}');
    });
    await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = wrong.address() as AddressInfo;
      await expect(okta.registerEventHook({ url: `http://127.0.0.1:${port}/` })).rejects.toThrow(/verification .* failed/);
    } finally {
      await new Promise<void>((resolve) => wrong.close(() => resolve()));
    }
  });
});
