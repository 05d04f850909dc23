import { randomUUID } from 'node:crypto';
import * as fc from 'fast-check';
import { decodeSecret, sign } from '../../src/http/standard-webhooks';
import { jmlRequest } from '../../dev/harness/requests';
import { EVENT_HOOK_SECRET, startStack, TestStack } from '../../dev/harness/stack';
import { deliver } from './helpers/deliver';
import { Ledger, printTally } from './helpers/ledger';
import { actionCounts } from './helpers/system-log';
import { storedKeys } from './helpers/table';

/** The only answers hostile input may get. */
const CLEAR_4XX = [400, 401, 403, 405, 409, 413, 415];
const RUNS = 120;

interface Sent {
  readonly status: number;
  readonly body: string;
}

/** POSTs raw bytes to the intake with exactly these headers (nothing added but what fetch requires). */
async function post(stack: TestStack, headers: Record<string, string>, body: Uint8Array | string): Promise<Sent> {
  const response = await fetch(`${stack.bridge.url}/v1/jml`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
}

function signed(
  stack: TestStack,
  body: Uint8Array | string,
  contentType = 'application/json',
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const id = `msg_${randomUUID()}`;
  const raw = typeof body === 'string' ? body : Buffer.from(body);
  return {
    'content-type': contentType,
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(decodeSecret(stack.webhookSecret), id, timestamp, raw),
  };
}

/** A clear refusal: a 4xx from the list, a JSON body with the bridge's error shape and a message. */
function expectClearRefusal(sent: Sent): void {
  expect(CLEAR_4XX).toContain(sent.status);
  const parsed = JSON.parse(sent.body) as { statusCode: number; error: string; message: string };
  expect(parsed.statusCode).toBe(sent.status);
  expect(parsed.message.length).toBeGreaterThan(10);
}

/** Valid-looking requests broken in one way the schema must catch; never a request the bridge could accept. */
const brokenRequest = fc.oneof(
  fc.constantFrom('requestNumber', 'requestSysId', 'action', 'user', 'effectiveDate', 'approvals', 'requestedBy').map((field) => {
    const request: Record<string, unknown> = { ...jmlRequest('joiner') };
    delete request[field];
    return request;
  }),
  fc
    .record({
      field: fc.constantFrom('action', 'effectiveDate', 'requestNumber', 'requestSysId'),
      value: fc.oneof(fc.integer(), fc.constant(null), fc.string({ maxLength: 3 }), fc.constant([])),
    })
    .map(({ field, value }) => ({ ...jmlRequest('joiner'), [field]: value })),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((key) => !['groups'].includes(key))
    .map((key) => ({ ...jmlRequest('joiner'), [`x-${key}`]: 'extra' })),
  fc.string({ maxLength: 40 }).map((login) => ({ ...jmlRequest('joiner'), user: { ...jmlRequest('joiner').user, login: `${login} not an email` } })),
);

describe('reliability: hostile input at the intake', () => {
  let stack: TestStack;
  const ledger = new Ledger();

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    printTally('hostile-input', await ledger.tally(stack.bridge.store));
    await stack.close();
  });

  test('unsigned or wrongly signed deliveries of any body, headers and encoding get a clear 4xx and are never stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.json().map((j) => Buffer.from(j)),
          fc.string({ unit: 'binary', maxLength: 512 }).map((s) => Buffer.from(s, 'utf16le')),
        ),
        fc.record(
          {
            'content-type': fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', ''),
            'webhook-id': fc.oneof(
              fc.string({ maxLength: 60 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
              fc.uuid(),
            ),
            'webhook-timestamp': fc.oneof(fc.integer({ min: 0, max: 4_000_000_000 }).map(String), fc.constantFrom('', 'NaN', '1e10', '-1')),
            'webhook-signature': fc.oneof(
              fc.base64String({ maxLength: 64 }).map((s) => `v1,${s}`),
              fc.constantFrom('', 'v1,', 'v2,abc', 'v1a,AAAA', 'v1,AAAA v1,BBBB'),
            ),
            'content-encoding': fc.constantFrom('gzip', 'br', 'identity'),
          },
          { requiredKeys: [] },
        ),
        async (body, headers) => {
          const sent = await post(stack, headers as Record<string, string>, body);
          ledger.record('unsigned', sent.status);
          expectClearRefusal(sent);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await storedKeys(stack.env)).toEqual([]);
  });

  test('correctly signed but malformed, mistyped, mis-encoded or oversized bodies get a clear 4xx and are never stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          brokenRequest.map((r) => ({ body: JSON.stringify(r) as string | Uint8Array, contentType: 'application/json' })),
          fc
            .json()
            .filter((j) => !j.includes('requestNumber'))
            .map((j) => ({ body: j as string | Uint8Array, contentType: 'application/json' })),
          fc.uint8Array({ minLength: 1, maxLength: 1024 }).map((b) => ({ body: b as string | Uint8Array, contentType: 'application/json' })),
          fc.constant(null).map(() => ({
            body: Buffer.from(JSON.stringify(jmlRequest('joiner')), 'utf16le') as string | Uint8Array,
            contentType: 'application/json; charset=utf-16',
          })),
          fc.constant(null).map(() => ({ body: JSON.stringify(jmlRequest('joiner')) as string | Uint8Array, contentType: 'text/plain' })),
          fc.integer({ min: 65 * 1024, max: 300 * 1024 }).map((size) => ({
            body: JSON.stringify({ ...jmlRequest('joiner'), requestedBy: 'x'.repeat(size) }) as string | Uint8Array,
            contentType: 'application/json',
          })),
        ),
        async ({ body, contentType }) => {
          const sent = await post(stack, signed(stack, body, contentType), body);
          ledger.record('signed-malformed', sent.status);
          expectClearRefusal(sent);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await storedKeys(stack.env)).toEqual([]);
    expect(stack.logs.filter((l) => l.includes('"event":"intake.accepted"'))).toEqual([]);
    expect(stack.logs.filter((l) => /"level":"error"/.test(l))).toEqual([]);
  });

  test('requests for unmanaged, admin or birthright groups, or admin roles, are refused before any Okta call and logged', async () => {
    const before = stack.okta.logEvents().length;
    const attempts = [
      { ...jmlRequest('joiner'), groups: ['Everyone'] },
      { ...jmlRequest('joiner'), groups: ['Okta Administrators'] },
      { ...jmlRequest('joiner'), groups: ['jml-access-eng-linux-prod', 'Super Administrators'] },
      { ...jmlRequest('mover'), groups: ['jml-not-declared-anywhere'] },
      { ...jmlRequest('joiner'), groups: ['jml-managed-users'] },
      { ...jmlRequest('joiner'), adminRoles: ['SUPER_ADMIN'] },
      { ...jmlRequest('joiner'), user: { ...jmlRequest('joiner').user, role: 'ORG_ADMIN' } },
    ];
    for (const request of attempts) {
      const body = JSON.stringify(request);
      const sent = await post(stack, signed(stack, body), body);
      ledger.record(request.requestNumber, sent.status);
      expect({ request: request.requestNumber, status: sent.status }).toEqual({ request: request.requestNumber, status: 403 });
    }
    expect(stack.logs.filter((l) => l.includes('"event":"intake.intent_refused"')).length).toBeGreaterThanOrEqual(attempts.length);
    expect(stack.okta.logEvents().length).toBe(before);
    expect(await storedKeys(stack.env)).toEqual([]);
  });

  test('a spoofed event hook (no, wrong or misplaced secret) is refused, logged, and changes no thread', async () => {
    const request = jmlRequest('joiner');
    expect(await deliver(stack, ledger, request)).toBe(202);
    await stack.settle();
    const [before] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    const user = stack.okta.getUser(request.user.login) as { id: string };
    const forged = JSON.stringify({
      eventType: 'com.okta.event_hook',
      data: {
        events: [
          {
            uuid: randomUUID(),
            eventType: 'user.lifecycle.deactivate',
            published: new Date().toISOString(),
            target: [{ id: user.id, type: 'User' }],
            outcome: { result: 'SUCCESS' },
          },
        ],
      },
    });
    const spoofs: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer guessed' },
      { authorization: `${EVENT_HOOK_SECRET}x` },
      { 'x-okta-secret': EVENT_HOOK_SECRET },
    ];
    for (const headers of spoofs) {
      const response = await fetch(`${stack.bridge.url}/v1/okta/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: forged,
      });
      expect(response.status).toBe(401);
      const verify = await fetch(`${stack.bridge.url}/v1/okta/events`, { headers: { 'x-okta-verification-challenge': 'steal-me', ...headers } });
      expect(verify.status).toBe(401);
      expect(await verify.text()).not.toContain('steal-me');
    }
    expect(stack.logs.filter((l) => l.includes('"event":"event_hook.unauthenticated"')).length).toBeGreaterThanOrEqual(spoofs.length * 2);
    const [after] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    expect(after).toEqual(before);
    expect((await stack.bridge.store.findEventsByOktaUserId(user.id)).map((e) => e.eventType)).not.toContain('user.lifecycle.deactivate');
    expect((stack.okta.getUser(request.user.login) as { status: string }).status).not.toBe('DEPROVISIONED');
  });

  test('replayed deliveries are refused (stale timestamp, reused webhook-id with another body) or answered as the original, never applied twice', async () => {
    const request = jmlRequest('joiner');
    const body = JSON.stringify(request);
    const headers = signed(stack, body);
    const first = await post(stack, headers, body);
    ledger.record(request.requestNumber, first.status);
    expect(first.status).toBe(202);
    await stack.settle();

    const again = await post(stack, headers, body);
    expect(again.status).toBe(202);
    expect(JSON.parse(again.body)).toMatchObject({ correlationId: JSON.parse(first.body).correlationId, duplicate: true });

    const other = JSON.stringify({ ...request, user: { ...request.user, title: 'Chief Executive Officer' } });
    const reused: Record<string, string> = { ...signed(stack, other), 'webhook-id': headers['webhook-id'] };
    reused['webhook-signature'] = sign(decodeSecret(stack.webhookSecret), headers['webhook-id'], Number(reused['webhook-timestamp']), other);
    const conflict = await post(stack, reused, other);
    expect(conflict.status).toBe(409);
    expect(stack.logs.some((l) => l.includes('"event":"intake.replayed_webhook_id"'))).toBe(true);

    const stale = await post(stack, signed(stack, body, 'application/json', Math.floor(Date.now() / 1000) - 3600), body);
    expect(stale.status).toBe(401);
    expect(stack.logs.some((l) => l.includes('"event":"intake.signature_refused"'))).toBe(true);

    await stack.settle();
    const counts = actionCounts(stack.okta, request.user.login);
    expect([counts['user.lifecycle.create'], counts['user.lifecycle.activate']]).toEqual([1, 1]);
    expect((stack.okta.getUser(request.user.login)?.profile as Record<string, string> | undefined)?.title).toBe('Site Reliability Engineer');
    expect(await stack.bridge.store.findByRequestNumber(request.requestNumber)).toHaveLength(1);
  });
});
