import { randomUUID } from 'node:crypto';
import { decodeSecret, sign } from '../../src/http/standard-webhooks';
import { jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';

describe('intake over HTTP', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ eventHook: false });
  });
  afterAll(() => stack.close());

  const oktaUserCount = () => stack.okta.listUsers().length;

  describe('signature', () => {
    test('a good signature is accepted with 202 and a correlation id', async () => {
      const response = await stack.submit(jmlRequest('joiner'));
      expect(response.status).toBe(202);
      expect(response.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('x-correlation-id')).toBe(response.body.correlationId);
      await stack.bridge.idle();
    });

    test('a bad signature is refused with 401 before the body is read', async () => {
      const before = oktaUserCount();
      const response = await stack.submit(jmlRequest('joiner'), { webhookId: 'msg_bad' });
      expect(response.status).toBe(202);
      const forged = await fetch(`${stack.bridge.url}/v1/jml`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': 'msg_forged',
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}`,
        },
        body: 'this is not even JSON',
      });
      expect(forged.status).toBe(401);
      expect(await forged.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/no v1 signature/) });
      await stack.bridge.idle();
      expect(oktaUserCount()).toBe(before + 1);
    });

    test('an expired timestamp is refused with 401', async () => {
      const response = await stack.submit(jmlRequest('joiner'), { timestamp: Math.floor(Date.now() / 1000) - 600 });
      expect(response.status).toBe(401);
      expect(response.body.message).toMatch(/s old, beyond the 300 s tolerance/);
    });

    test('a replayed webhook-id carrying a different body is refused with 409', async () => {
      const webhookId = `msg_${randomUUID()}`;
      expect((await stack.submit(jmlRequest('joiner'), { webhookId })).status).toBe(202);
      const replay = await stack.submit(jmlRequest('joiner'), { webhookId });
      expect(replay.status).toBe(409);
      expect(replay.body.message).toMatch(/already used for a different payload/);
      await stack.bridge.idle();
    });

    test('a signature from a different secret is refused with 401', async () => {
      const body = JSON.stringify(jmlRequest('joiner'));
      const ts = Math.floor(Date.now() / 1000);
      const wrongKey = decodeSecret(`whsec_${Buffer.alloc(32, 1).toString('base64')}`);
      const response = await fetch(`${stack.bridge.url}/v1/jml`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': 'msg_w',
          'webhook-timestamp': String(ts),
          'webhook-signature': sign(wrongKey, 'msg_w', ts, body),
        },
        body,
      });
      expect(response.status).toBe(401);
    });
  });

  describe('duplicates', () => {
    test('a redelivered message answers with the original correlation id and is applied once', async () => {
      const request = jmlRequest('joiner');
      const webhookId = `msg_${randomUUID()}`;
      const first = await stack.submit(request, { webhookId });
      const second = await stack.submit(request, { webhookId });
      await stack.bridge.idle();
      const third = await stack.submit(request, { webhookId });
      expect(first.status).toBe(202);
      expect(second.status).toBe(202);
      expect(second.body).toMatchObject({ correlationId: first.body.correlationId, duplicate: true });
      // This stack has no event hook registered, so the thread stops at `applied` (confirmation is tested elsewhere).
      expect(third.body).toMatchObject({ correlationId: first.body.correlationId, duplicate: true, state: 'applied' });
      const threads = await stack.bridge.store.findByRequestNumber(request.requestNumber);
      expect(threads).toHaveLength(1);
      expect(threads[0].attempts).toBe(1);
      expect(stack.okta.logEvents('user.lifecycle.create').filter((e) => e.target?.some((t) => t.alternateId === request.user.login))).toHaveLength(1);
    });
  });

  describe('validation', () => {
    test('answers 400 with one message per failing field', async () => {
      const request = jmlRequest('joiner');
      const broken = {
        ...request,
        requestNumber: 'REQ1',
        user: { ...request.user, email: 'not-an-email', title: undefined },
        effectiveDate: '2026-02-30',
        approvals: [],
        unexpected: true,
      };
      const response = await stack.submit(broken);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('Bad Request');
      const details = response.body.details as Array<{ field: string; message: string }>;
      expect(Object.fromEntries(details.map((d) => [d.field, d.message]))).toEqual({
        requestNumber: 'must match pattern "^RITM[0-9]{7,10}$"',
        'user.email': 'must match format "email"',
        'user.title': 'is required',
        effectiveDate: 'must match format "date"',
        approvals: 'must NOT have fewer than 1 items',
        unexpected: 'is not a known field; remove it (see docs/jml-request.schema.json)',
      });
      expect(response.body.message).toMatch(/^request body failed validation \(6 problem\(s\)\)/);
    });

    test('a leaver needs only login and employeeNumber, but an unknown action is refused', async () => {
      const leaver = jmlRequest('leaver');
      expect((await stack.submit(leaver)).status).toBe(202);
      const response = await stack.submit({ ...leaver, action: 'promote' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'action', message: 'must be one of joiner, mover, leaver, rehire' }]);
      await stack.bridge.idle();
    });

    test('non-JSON, wrong content type and oversized bodies are 4xx, never 5xx', async () => {
      const ts = Math.floor(Date.now() / 1000);
      const key = decodeSecret(stack.webhookSecret);
      const post = (body: string, contentType = 'application/json') =>
        fetch(`${stack.bridge.url}/v1/jml`, {
          method: 'POST',
          headers: { 'content-type': contentType, 'webhook-id': `msg_${randomUUID()}`, 'webhook-timestamp': String(ts), 'webhook-signature': '' },
          body,
        });
      const signed = async (body: string, contentType = 'application/json') => {
        const id = `msg_${randomUUID()}`;
        return fetch(`${stack.bridge.url}/v1/jml`, {
          method: 'POST',
          headers: { 'content-type': contentType, 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sign(key, id, ts, body) },
          body,
        });
      };
      expect((await signed('{"requestNumber":')).status).toBe(400);
      expect((await signed('{}', 'text/plain')).status).toBe(415);
      const big = await post('x'.repeat(70 * 1024));
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    });
  });

  describe('least privilege', () => {
    test('refuses a group outside the managed set with 403 and never calls Okta', async () => {
      const request = jmlRequest('joiner', { groups: ['jml-access-eng-linux-prod', 'okta-super-admins'] });
      const before = stack.okta.logEvents().length;
      const response = await stack.submit(request);
      expect(response.status).toBe(403);
      expect(response.body.details).toEqual([{ field: 'groups[1]', message: expect.stringMatching(/^group 'okta-super-admins' is not in the managed set/) }]);
      expect(await stack.bridge.store.findByRequestNumber(request.requestNumber)).toEqual([]);
      expect(stack.okta.logEvents().length).toBe(before);
      expect(stack.okta.getUser(request.user.login)).toBeUndefined();
    });

    test('refuses an admin-role field, a birthright group and the population group', async () => {
      const request = jmlRequest('joiner', { groups: ['jml-dept-finance', 'jml-managed-users'] });
      const response = await stack.submit({ ...request, user: { ...request.user, adminRoles: ['SUPER_ADMIN'] } });
      expect(response.status).toBe(403);
      expect(response.body.details).toEqual([
        { field: 'user.adminRoles', message: expect.stringMatching(/^admin roles cannot be requested through the JML bridge/) },
        { field: 'groups[0]', message: expect.stringMatching(/^group 'jml-dept-finance' is a birthright group/) },
        { field: 'groups[1]', message: expect.stringMatching(/^group 'jml-managed-users' is the population group/) },
      ]);
    });
  });

  describe('other endpoints', () => {
    test('health answers 200; unknown paths 404 and wrong methods 405, as JSON errors', async () => {
      const health = await fetch(`${stack.bridge.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', service: 'jml-bridge', executor: 'management' });
      const missing = await fetch(`${stack.bridge.url}/v2/other`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
      const wrong = await fetch(`${stack.bridge.url}/v1/jml`);
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('POST');
    });
  });
});
