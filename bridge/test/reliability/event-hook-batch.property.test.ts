import { randomUUID } from 'node:crypto';
import * as fc from 'fast-check';
import { EVENT_HOOK_SECRET, startStack, TestStack } from '../../dev/harness/stack';

/**
 * Okta batches System Log events into one delivery and retries it only on 5xx or timeout. One malformed event must
 * not cost the others: each is judged on its own, the valid ones are stored exactly once (also across a redelivery),
 * the malformed ones are refused with why, and the answer is a 2xx so Okta does not redeliver what was stored.
 */
const RUNS = 25;

function validEvent(userId: string): Record<string, unknown> {
  return {
    uuid: randomUUID(),
    eventType: 'user.account.update_profile',
    published: new Date().toISOString(),
    actor: { id: '00uAdmin', type: 'User', alternateId: 'admin@example.com' },
    target: [{ id: userId, type: 'User', alternateId: `${userId}@example.com` }],
    debugContext: { debugData: { requestId: `req-${randomUUID()}` } },
    outcome: { result: 'SUCCESS' },
  };
}

/** One way to break an otherwise valid event: the shapes a sender or a proxy could produce. */
const breaks: Array<(e: Record<string, unknown>) => unknown> = [
  (e) => ({ ...e, target: (e.target as unknown[])[0] }),
  (e) => ({ ...e, target: 'User' }),
  (e) => ({ ...e, target: 42 }),
  (e) => ({ ...e, target: [null] }),
  (e) => ({ ...e, target: [{ id: 7, type: 'User' }] }),
  (e) => ({ ...e, uuid: undefined }),
  (e) => ({ ...e, uuid: 12 }),
  (e) => ({ ...e, eventType: ['user.lifecycle.create'] }),
  (e) => ({ ...e, published: 1700000000 }),
  (e) => ({ ...e, published: 'yesterday' }),
  (e) => ({ ...e, actor: 'admin' }),
  (e) => ({ ...e, debugContext: { debugData: { requestId: { nested: true } } } }),
  (e) => ({ ...e, transaction: 'tx' }),
  () => null,
  () => 'event',
  () => [],
];
const breakage = fc.constantFrom(...breaks);

describe('reliability: event-hook deliveries with valid and malformed events mixed', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ eventHook: false });
  });
  afterAll(() => stack.close());

  async function deliver(events: unknown[]): Promise<{ status: number; body: string }> {
    const response = await fetch(`${stack.bridge.url}/v1/okta/events`, {
      method: 'POST',
      headers: { authorization: EVENT_HOOK_SECRET, 'content-type': 'application/json' },
      body: JSON.stringify({ eventType: 'com.okta.event_hook', data: { events } }),
    });
    return { status: response.status, body: await response.text() };
  }

  test('valid events are stored exactly once, malformed ones are listed with why, and the answer is a 2xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constant(undefined), breakage), { minLength: 1, maxLength: 12 }), async (plan) => {
        const userId = `00u${randomUUID().replace(/-/g, '').slice(0, 17)}`;
        const events = plan.map((breakIt) => {
          const event = validEvent(userId);
          return breakIt ? breakIt(JSON.parse(JSON.stringify(event))) : event;
        });
        const validIds = plan.flatMap((breakIt, i) => (breakIt ? [] : [(events[i] as { uuid: string }).uuid]));
        const malformed = plan.flatMap((breakIt, i) => (breakIt ? [i] : []));
        for (const attempt of [1, 2]) {
          const sent = await deliver(events);
          if (malformed.length === 0) {
            expect({ attempt, status: sent.status }).toEqual({ attempt, status: 204 });
          } else {
            expect({ attempt, status: sent.status }).toEqual({ attempt, status: 200 });
            const body = JSON.parse(sent.body) as { refused: Array<{ index: number; reason: string }> };
            expect(body.refused.map((r) => r.index)).toEqual(malformed);
            expect(body.refused.every((r) => r.reason.length > 10)).toBe(true);
          }
          const stored = await stack.bridge.store.findEventsByOktaUserId(userId);
          expect(stored.map((e) => e.eventId).sort()).toEqual([...validIds].sort());
        }
      }),
      { numRuns: RUNS },
    );
    expect(stack.logs.filter((l) => /"level":"error"/.test(l))).toEqual([]);
    expect(stack.logs.some((l) => l.includes('"event":"event_hook.event_refused"'))).toBe(true);
    expect((await fetch(`${stack.bridge.url}/health`)).status).toBe(200);
  });

  test('a delivery body that is not strict JSON (repeated key, non-UTF-8, too deep) is a 400 and stores nothing', async () => {
    const hostile = fc.oneof(
      fc.constantFrom('uuid', 'eventType', 'target', 'data', 'events').map((key) => ({ key })),
      fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80]).map((bytes) => ({ bytes })),
      fc.integer({ min: 33, max: 3000 }).map((depth) => ({ depth })),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (kind) => {
        const userId = `00u${randomUUID().replace(/-/g, '').slice(0, 17)}`;
        const event = validEvent(userId);
        let text = JSON.stringify({ eventType: 'com.okta.event_hook', data: { events: [event] } });
        let raw: Buffer;
        if ('key' in kind) {
          const spelled = `\\u${kind.key.charCodeAt(0).toString(16).padStart(4, '0')}${kind.key.slice(1)}`;
          text =
            kind.key === 'data' || kind.key === 'events'
              ? text.replace(`"${kind.key}":`, `"${spelled}":{},"${kind.key}":`)
              : text.replace(`"${kind.key}":`, `"${spelled}":"x","${kind.key}":`);
          raw = Buffer.from(text);
        } else if ('bytes' in kind) {
          const at = text.indexOf('admin@') + 1;
          raw = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(kind.bytes), Buffer.from(text.slice(at))]);
        } else {
          raw = Buffer.from(text.replace('"outcome":', `"deep":${'['.repeat(kind.depth)}${']'.repeat(kind.depth)},"outcome":`));
        }
        const response = await fetch(`${stack.bridge.url}/v1/okta/events`, {
          method: 'POST',
          headers: { authorization: EVENT_HOOK_SECRET, 'content-type': 'application/json' },
          body: raw,
        });
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/^event hook body refused: /) });
        expect(await stack.bridge.store.findEventsByOktaUserId(userId)).toEqual([]);
      }),
      { numRuns: 30 },
    );
    expect((await fetch(`${stack.bridge.url}/health`)).status).toBe(200);
  });
});
