import { buildStore } from '../../src/composition/store';
import { ThreadRecord } from '../../src/domain/thread';
import { mutateThread } from '../../src/domain/thread-repository';
import { startDynalite } from '../../dev/local/dynalite';
import { ConcurrentUpdateError, RequestStore } from '../../src/ports/request-store';
import { jmlRequest, oktaCall, threadOf } from '../../dev/harness/requests';

const TABLE = 'jml-progress-test';

const call = (path: string, oktaRequestId: string) => oktaCall('POST', path, oktaRequestId);

/**
 * The worker saves each Okta call while it applies a request, concurrently with the event hook's read-modify-writes of
 * the same record: neither may lose the other's change.
 */
describe('DynamoRequestStore.recordProgress', () => {
  let dynamo: { endpoint: string; close: () => Promise<void> };
  let store: RequestStore;

  beforeAll(async () => {
    dynamo = await startDynalite(TABLE);
    store = buildStore({ tableName: TABLE, region: 'local', endpoint: dynamo.endpoint });
  });
  afterAll(() => dynamo.close());

  async function thread(): Promise<ThreadRecord> {
    const record = threadOf(jmlRequest('joiner'));
    await store.claimThread(record);
    return record;
  }

  test('appends calls in order, sets the Okta user id so the thread is found by it, and bumps the version', async () => {
    const record = await thread();
    await store.recordProgress(record, { calls: [call('/api/v1/users', 'req-1')] });
    await store.recordProgress(record, { calls: [call('/api/v1/users/00u1/lifecycle/activate', 'req-2')], oktaUserId: '00u1' });
    const stored = (await store.getThread(record.threadKey)) as ThreadRecord;
    expect(stored.calls.map((c) => c.oktaRequestId)).toEqual(['req-1', 'req-2']);
    expect(stored.oktaUserId).toBe('00u1');
    expect(stored.version).toBe(record.version + 2);
    expect((await store.findByOktaUserId('00u1')).map((t) => t.threadKey)).toEqual([record.threadKey]);
  });

  test('a writer that read the record before a progress save must reload, and then keeps the saved calls', async () => {
    const record = await thread();
    const stale = (await store.getThread(record.threadKey)) as ThreadRecord;
    await store.recordProgress(record, { calls: [call('/api/v1/users', 'req-3')] });
    stale.steps.push({ step: 'stale change', outcome: 'done', detail: 'test', at: new Date().toISOString() });
    await expect(store.saveThread(stale)).rejects.toBeInstanceOf(ConcurrentUpdateError);

    await mutateThread(store, record.threadKey, (r) => {
      r.steps.push({ step: 'reloaded change', outcome: 'done', detail: 'test', at: new Date().toISOString() });
    });
    const stored = (await store.getThread(record.threadKey)) as ThreadRecord;
    expect(stored.calls.map((c) => c.oktaRequestId)).toEqual(['req-3']);
    expect(stored.steps.map((s) => s.step)).toEqual(['reloaded change']);
  });

  test('a thread that does not exist is refused rather than created half-empty', async () => {
    await expect(
      store.recordProgress({ threadKey: 'msg_missing#RITM0000000', receivedAt: new Date().toISOString() }, { calls: [call('/api/v1/users', 'req-4')] }),
    ).rejects.toThrow();
  });
});
