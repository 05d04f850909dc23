import { systemClock } from '../../src/adapters/clock/system-clock';
import { JsonLogger } from '../../src/adapters/logging/json-logger';
import { buildStore } from '../../src/composition/store';
import { ConfirmationService } from '../../src/domain/confirmation-service';
import { ProgressJournal } from '../../src/domain/progress-journal';
import { OutsideChangeRecord, ThreadRecord, ThreadState, transition } from '../../src/domain/thread';
import { mutateThread } from '../../src/domain/thread-repository';
import { startDynalite } from '../../dev/local/dynalite';
import { jmlRequest, oktaCall, threadOf } from '../../dev/harness/requests';
import { RequestStore } from '../../src/ports/request-store';
import { countedStore } from './helpers/counted-store';

const TABLE = 'jml-round-trips-test';
const clock = systemClock;
const silent = new JsonLogger('silent');

/**
 * How many DynamoDB requests the golden thread costs: each is a round trip in the worker's and the event hook's
 * Lambda time. The domain reuses the version it holds instead of reading it again, writes nothing when nothing
 * changed, and saves only the Okta calls that can change Okta as they are made.
 */
describe('store round trips of the golden thread', () => {
  let dynamo: { endpoint: string; close: () => Promise<void> };
  let real: RequestStore;

  beforeAll(async () => {
    dynamo = await startDynalite(TABLE);
    real = buildStore({ tableName: TABLE, region: 'local', endpoint: dynamo.endpoint });
  });
  afterAll(() => dynamo.close());

  async function storedThread(states: ThreadState[] = []): Promise<ThreadRecord> {
    const record = threadOf(jmlRequest('joiner'), clock.isoNow());
    await real.claimThread(record);
    return (await mutateThread(real, record.threadKey, (r) => states.forEach((state) => transition(r, state, clock.isoNow())))) as ThreadRecord;
  }

  describe('mutateThread with the record the caller holds', () => {
    test('saves the change without reading the record again, and leaves the caller’s copy as it was', async () => {
      const held = await storedThread();
      const { store, calls } = countedStore(real);
      const saved = (await mutateThread(store, held.threadKey, (r) => transition(r, 'queued', clock.isoNow()), held)) as ThreadRecord;
      expect(Object.fromEntries(calls)).toEqual({ saveThread: 1 });
      expect({ state: held.state, version: held.version }).toEqual({ state: 'received', version: saved.version - 1 });
      expect(await real.getThread(held.threadKey)).toEqual(saved);
    });

    test('reads the record again when another writer got there first, and applies the change to that version', async () => {
      const held = await storedThread();
      await mutateThread(real, held.threadKey, (r) => void r.steps.push({ step: 'other writer', outcome: 'done', detail: 'meanwhile', at: clock.isoNow() }));
      const { store, calls } = countedStore(real);
      const saved = (await mutateThread(store, held.threadKey, (r) => transition(r, 'queued', clock.isoNow()), held)) as ThreadRecord;
      expect(Object.fromEntries(calls)).toEqual({ saveThread: 2, getThread: 1 });
      expect({ state: saved.state, steps: saved.steps.map((s) => s.step), version: saved.version }).toEqual({
        state: 'queued',
        steps: ['other writer'],
        version: held.version + 2,
      });
    });

    test('a change that returns false writes nothing', async () => {
      const held = await storedThread();
      const { store, calls } = countedStore(real);
      expect(await mutateThread(store, held.threadKey, () => false, held)).toEqual(held);
      expect(Object.fromEntries(calls)).toEqual({});
    });
  });

  describe('the worker’s progress journal', () => {
    test('saves each call that can change Okta at once, with the reads and token requests before it, in call order', async () => {
      const thread = await storedThread(['queued', 'applying']);
      const { store, calls } = countedStore(real);
      const journal = new ProgressJournal(store, thread, clock, silent);
      const made = [
        oktaCall('POST', '/oauth2/v1/token'),
        oktaCall('GET', '/api/v1/users'),
        oktaCall('POST', '/api/v1/users', 'req-create'),
        oktaCall('PUT', '/api/v1/groups/00g1/users/00u1', 'req-group'),
        oktaCall('GET', '/api/v1/users/00u1'),
      ];
      for (const [i, c] of made.entries()) {
        await journal.recordCall(c);
        expect({ after: i, saves: calls.get('recordProgress') ?? 0 }).toEqual({ after: i, saves: [0, 0, 1, 2, 2][i] });
      }
      await journal.flush();
      expect(((await real.getThread(thread.threadKey)) as ThreadRecord).calls).toEqual(made.slice(0, 4));
      // The read after the last change goes in with the worker's final update.
      expect(journal.unsavedCalls()).toEqual(made.slice(4));
    });
  });

  describe('the confirmations of a finished request', () => {
    test('every event its calls caused closes the thread in one write, and each event is marked as the bridge’s', async () => {
      const types = ['user.lifecycle.create', 'user.lifecycle.activate', 'group.user_membership.add'];
      const applied = await storedThread(['queued', 'applying']);
      const paths = ['/api/v1/users', '/api/v1/users/00u7/lifecycle/activate', '/api/v1/groups/00g1/users/00u7'];
      const record = (await mutateThread(real, applied.threadKey, (r) => {
        r.calls = paths.map((path, i) => oktaCall(i === 2 ? 'PUT' : 'POST', path, `req-${r.requestNumber}-${i}`));
        r.oktaUserId = `00u-${r.requestNumber}`;
        r.awaiting = [...types];
        transition(r, 'applied', clock.isoNow());
      })) as ThreadRecord;
      const events: OutsideChangeRecord[] = types.map((eventType, i) => ({
        eventId: `evt-${record.requestNumber}-${i}`,
        eventType,
        published: new Date(Date.now() + i).toISOString(),
        oktaUserId: record.oktaUserId as string,
        actor: 'bridge-service-app',
        oktaRequestId: `req-${record.requestNumber}-${i}`,
        origin: 'pending',
        receivedAt: clock.isoNow(),
      }));
      for (const event of events) await real.recordEvent(event);

      const { store, calls } = countedStore(real);
      const closed = await new ConfirmationService(store, clock, silent).reconcilePending(record);
      expect(Object.fromEntries(calls)).toEqual({ findEventsByOktaUserId: 1, saveThread: 1, updateEventOrigin: 3 });
      expect({ state: closed.state, confirmed: closed.confirmations.map((c) => c.eventType) }).toEqual({ state: 'confirmed', confirmed: types });
      expect((await real.findEventsByOktaUserId(record.oktaUserId as string)).map((e) => e.origin)).toEqual(['bridge', 'bridge', 'bridge']);

      // Asked again (a redelivered message), nothing is left to confirm and nothing is written.
      calls.clear();
      await new ConfirmationService(store, clock, silent).reconcilePending(closed);
      expect(Object.fromEntries(calls)).toEqual({ findEventsByOktaUserId: 1 });
    });
  });
});
