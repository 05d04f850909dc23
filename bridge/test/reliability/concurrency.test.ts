import { randomUUID } from 'node:crypto';
import type { JmlRequest } from '../../src/domain/jml-request';
import type { ThreadRecord } from '../../src/domain/thread';
import { isoDate, jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';
import { deliver } from './helpers/deliver';
import { Ledger, printTally } from './helpers/ledger';
import { actionCounts } from './helpers/system-log';

const CLIENTS = 3;

/** The same delivery (same webhook-id) sent by every client at once, as concurrent producer retries would. */
async function fromEveryClient(stack: TestStack, ledger: Ledger, request: JmlRequest): Promise<number[]> {
  const webhookId = `msg_${randomUUID()}`;
  return Promise.all(Array.from({ length: CLIENTS }, () => deliver(stack, ledger, request, { webhookId })));
}

/**
 * Round `round` of `rounds` for one person: a joiner (a rehire after the first round), a mover, a leaver. Effective
 * dates rise from round to round and end yesterday, so that each return comes after the previous departure, as the
 * bridge requires, and every request is due now.
 */
function requestsFor(person: string, round = 0, rounds = 1): JmlRequest[] {
  const start = isoDate(-2 * (rounds - round));
  const end = isoDate(-2 * (rounds - round) + 1);
  const joiner = jmlRequest(round === 0 ? 'joiner' : 'rehire', { person, effectiveDate: start });
  const mover = { ...jmlRequest('mover', { person, effectiveDate: start }), user: { ...jmlRequest('joiner', { person }).user, title: `Title ${round}` } };
  return [joiner, mover, jmlRequest('leaver', { person, effectiveDate: end })];
}

/** Okta's state of one person as the bridge's actions define it. */
interface Modelled {
  status: 'absent' | 'active' | 'DEPROVISIONED';
  title?: string;
  /** Effective date of the last applied leaver. */
  leftOn?: string;
}

/**
 * Applies one request to the model, as the bridge's executor would; returns the thread state it should end in. A
 * joiner that is not effective after an already applied leaver is refused as out of order.
 */
function applyToModel(model: Modelled, request: JmlRequest): 'confirmed' | 'dead-lettered' {
  switch (request.action) {
    case 'joiner':
    case 'rehire':
      if (model.leftOn !== undefined && request.effectiveDate <= model.leftOn) return 'dead-lettered';
      model.status = 'active';
      model.title = request.user.title;
      return 'confirmed';
    case 'mover':
      if (model.status !== 'active') return 'dead-lettered';
      model.title = request.user.title;
      return 'confirmed';
    case 'leaver':
      if (model.status === 'active') model.status = 'DEPROVISIONED';
      model.leftOn = request.effectiveDate;
      return 'confirmed';
  }
}

async function threadsOf(stack: TestStack, requests: readonly JmlRequest[]): Promise<ThreadRecord[]> {
  return Promise.all(
    requests.map(async (r) => {
      const found = await stack.bridge.store.findByRequestNumber(r.requestNumber);
      expect({ request: r.requestNumber, records: found.length }).toEqual({ request: r.requestNumber, records: 1 });
      return found[0];
    }),
  );
}

const appliedAt = (t: ThreadRecord) => t.history.find((h) => h.state === 'applying')?.at ?? '';
const settledAt = (t: ThreadRecord) => t.history.find((h) => h.state === 'applied' || h.state === 'dead-lettered')?.at ?? '';

describe('reliability: joiner, mover and leaver of the same people from several clients at once', () => {
  let stack: TestStack;
  const ledger = new Ledger();

  beforeAll(async () => {
    stack = await startStack({ env: { LOG_LEVEL: 'warn' }, queue: 'sqs' });
  });
  afterAll(async () => {
    printTally('concurrency', await ledger.tally(stack.bridge.store));
    await stack.close();
  });

  test('sent in order by every client, round after round, each person ends in the state the last round defines', async () => {
    const people = Array.from({ length: 6 }, (_, i) => `ordered${i}`);
    const rounds = 3;
    const all: JmlRequest[] = [];
    await Promise.all(
      people.map(async (person) => {
        for (let round = 0; round < rounds; round++) {
          for (const request of requestsFor(person, round, rounds)) {
            all.push(request);
            expect(await fromEveryClient(stack, ledger, request)).toEqual(Array(CLIENTS).fill(202));
          }
        }
      }),
    );
    await stack.settle();

    const threads = await threadsOf(stack, all);
    expect(threads.filter((t) => t.state !== 'confirmed').map((t) => `${t.requestNumber} ${t.action} ${t.state}`)).toEqual([]);
    for (const person of people) {
      const login = `${person}@example.com`;
      const user = stack.okta.getUser(login) as { status: string; profile: Record<string, string> };
      expect({ person, status: user.status, title: user.profile.title }).toEqual({ person, status: 'DEPROVISIONED', title: `Title ${rounds - 1}` });
      const counts = actionCounts(stack.okta, login);
      expect({ person, create: counts['user.lifecycle.create'], deactivate: counts['user.lifecycle.deactivate'] }).toEqual({
        person,
        create: 1,
        deactivate: rounds,
      });
    }
  });

  test('sent all at once by every client, each person ends in the state of the order the bridge applied them in, one at a time', async () => {
    const people = Array.from({ length: 8 }, (_, i) => `racing${i}`);
    const byPerson = new Map(people.map((person) => [person, requestsFor(person, 0)]));
    await Promise.all([...byPerson.values()].flat().map((request) => fromEveryClient(stack, ledger, request)));
    await stack.settle();

    for (const [person, requests] of byPerson) {
      const threads = (await threadsOf(stack, requests)).sort((a, b) => appliedAt(a).localeCompare(appliedAt(b)));
      for (let i = 1; i < threads.length; i++) {
        expect({ person, next: appliedAt(threads[i]) >= settledAt(threads[i - 1]) }).toEqual({ person, next: true });
      }
      const model: Modelled = { status: 'absent' };
      for (const thread of threads) {
        expect({ request: thread.requestNumber, action: thread.action, state: thread.state }).toEqual({
          request: thread.requestNumber,
          action: thread.action,
          state: applyToModel(model, thread.request),
        });
      }
      const user = stack.okta.getUser(`${person}@example.com`) as { status: string; profile: Record<string, string> } | undefined;
      const actual: Modelled = !user
        ? { status: 'absent' }
        : user.status === 'DEPROVISIONED'
          ? { status: 'DEPROVISIONED', title: user.profile.title }
          : { status: 'active', title: user.profile.title };
      expect({ person, ...actual }).toEqual({ person, status: model.status, ...(model.title ? { title: model.title } : {}) });
      expect(actionCounts(stack.okta, `${person}@example.com`)['user.lifecycle.create'] ?? 0).toBeLessThanOrEqual(1);
    }
  });
});
