import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, SQSEvent, SQSRecord } from 'aws-lambda';
import { encodeMessage } from '../../src/adapters/queue/message';
import { ENV } from '../../contract/env-names';
import { jmlRequest } from '../../dev/harness/requests';
import { signedHeaders } from '../../dev/local/sign-request';
import { handlerEnvironment, startStack, TestStack } from '../../dev/harness/stack';

/** An API Gateway HTTP API (payload 2.0) event, as the intake and event-hook functions receive it. */
function apiEvent(method: string, path: string, headers: Record<string, string>, body: string, base64 = false): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    body: base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: base64,
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: randomUUID(),
    } as APIGatewayProxyEventV2['requestContext'],
  } as APIGatewayProxyEventV2;
}

function sqsRecord(body: string, group: string): SQSRecord {
  return { messageId: randomUUID(), body, attributes: { MessageGroupId: group } } as unknown as SQSRecord;
}

describe('Lambda handlers', () => {
  let stack: TestStack;
  const saved = { ...process.env };

  beforeAll(async () => {
    stack = await startStack({ eventHook: false });
    Object.assign(process.env, handlerEnvironment(stack));
  });
  afterAll(async () => {
    process.env = saved;
    await stack.close();
  });

  test('intake: verifies the signature over the base64-decoded body and refuses a bad one with 401', async () => {
    const { handler } = await import('../../src/handlers/intake');
    const body = JSON.stringify(jmlRequest('joiner'));
    const ts = String(Math.floor(Date.now() / 1000));
    const bad = await handler(
      apiEvent(
        'POST',
        '/v1/jml',
        { 'content-type': 'application/json', 'webhook-id': 'msg_1', 'webhook-timestamp': ts, 'webhook-signature': 'v1,AAAA' },
        body,
        true,
      ),
    );
    expect(bad.statusCode).toBe(401);
    expect(JSON.parse(bad.body as string)).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  test('intake: when SQS is unreachable it answers 503 and keeps the record as received (nothing accepted is lost)', async () => {
    const { handler } = await import('../../src/handlers/intake');
    const request = jmlRequest('joiner');
    const body = JSON.stringify(request);
    const headers = signedHeaders(stack.webhookSecret, body);
    const id = headers['webhook-id'];
    const response = await handler(apiEvent('POST', '/v1/jml', headers, body, true));
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '5' });
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(thread.state).toBe('received');

    // ServiceNow retries the same delivery; this time the queue is reachable (the local bridge shares the table).
    const retry = await stack.submit(request, { webhookId: id });
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ correlationId: thread.correlationId, duplicate: true, state: 'queued' });
    await stack.bridge.idle();
    expect((await stack.bridge.store.findByRequestNumber(request.requestNumber))[0].state).toBe('applied');
  });

  test('worker: processes records in order and fails the rest of a message group after a failure', async () => {
    const { handler } = await import('../../src/handlers/worker');
    const request = jmlRequest('joiner');
    await stack.submit(request);
    await stack.bridge.idle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    const good = sqsRecord(encodeMessage({ threadKey: thread.threadKey, correlationId: thread.correlationId, userKey: thread.userKey, replay: 0 }), 'group-a');
    const broken = sqsRecord('not json', 'group-b');
    const blocked = sqsRecord(
      encodeMessage({ threadKey: thread.threadKey, correlationId: thread.correlationId, userKey: thread.userKey, replay: 0 }),
      'group-b',
    );
    const other = sqsRecord(encodeMessage({ threadKey: thread.threadKey, correlationId: thread.correlationId, userKey: thread.userKey, replay: 0 }), 'group-c');
    const result = await handler({ Records: [good, broken, blocked, other] } as SQSEvent);
    // group-b stops at its failure; group-c, after it in the batch, is still processed.
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: broken.messageId }, { itemIdentifier: blocked.messageId }]);
    // A batch whose every record fails is answered with all of them, not thrown (so no invocation error).
    const allBad = [sqsRecord('not json', 'group-d'), sqsRecord('{', 'group-e')];
    expect((await handler({ Records: allBad } as SQSEvent)).batchItemFailures).toEqual(allBad.map((r) => ({ itemIdentifier: r.messageId })));
  });

  test('event hook: answers the verification challenge; health answers without configuration', async () => {
    const hook = await import('../../src/handlers/event-hook');
    const verification = await hook.handler(
      apiEvent('GET', '/v1/okta/events', { authorization: stack.env[ENV.eventHookSecret], 'x-okta-verification-challenge': 'xyz' }, ''),
    );
    expect(verification.statusCode).toBe(200);
    expect(JSON.parse(verification.body as string)).toEqual({ verification: 'xyz' });
    const health = await (await import('../../src/handlers/health')).handler();
    expect(health.statusCode).toBe(200);
  });
});
