import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../simulators';
import { JsonLogger } from '../../src/adapters/logging/json-logger';
import { TableApiServiceNowClient } from '../../src/adapters/servicenow/table-api-client';
import { buildStore } from '../../src/composition/store';
import { ABANDONED_WRITE_MS, ServiceNowWriteBack } from '../../src/domain/servicenow-writeback';
import { ThreadRecord, ThreadState, transition } from '../../src/domain/thread';
import { mutateThread } from '../../src/domain/thread-repository';
import { startDynalite } from '../../dev/local/dynalite';
import { Clock } from '../../src/ports/clock';
import { RequestStore } from '../../src/ports/request-store';
import { SERVICENOW_USER } from '../../dev/harness/stack';
import { jmlRequest, threadOf } from '../../dev/harness/requests';
import { countedStore } from './helpers/counted-store';

const TABLE = 'jml-writeback-test';

/**
 * The write-backs of one thread, reported by two processes (the worker and the event-hook function, each with its own
 * ServiceNow client) that share only the thread record: they never overlap, and a state reached while an earlier one
 * is being written is sent after it, once.
 */
describe('ServiceNow write-back ordering between processes', () => {
  let dynamo: { endpoint: string; close: () => Promise<void> };
  let serviceNow: ServiceNowSimulator;
  let store: RequestStore;
  let offsetMs = 0;
  const clock: Clock = {
    now: () => Date.now() + offsetMs,
    isoNow: () => new Date(Date.now() + offsetMs).toISOString(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
  const reporter = (through: RequestStore = store) =>
    new ServiceNowWriteBack(
      new TableApiServiceNowClient({ instanceUrl: serviceNow.url, credentials: { type: 'basic', ...SERVICENOW_USER } }, new JsonLogger('silent')),
      through,
      clock,
      new JsonLogger('silent'),
    );

  beforeAll(async () => {
    dynamo = await startDynalite(TABLE);
    serviceNow = await startServiceNowSimulator({ users: [SERVICENOW_USER] });
    store = buildStore({ tableName: TABLE, region: 'local', endpoint: dynamo.endpoint });
  });
  afterAll(async () => {
    await serviceNow.close();
    await dynamo.close();
  });

  async function appliedThread(): Promise<ThreadRecord> {
    const request = jmlRequest('joiner');
    serviceNow.seedRequestItem({ sys_id: request.requestSysId, number: request.requestNumber });
    const now = clock.isoNow();
    const record = threadOf(request, now);
    const { threadKey } = record;
    await store.claimThread(record);
    return (await mutateThread(store, threadKey, (r) => {
      for (const state of ['queued', 'applying', 'applied'] as ThreadState[]) {
        transition(r, state, now);
      }
      r.attempts = 1;
      r.awaiting = ['user.lifecycle.activate'];
    })) as ThreadRecord;
  }

  const confirm = (threadKey: string) => mutateThread(store, threadKey, (r) => transition(r, 'confirmed', clock.isoNow()));
  const patchesOf = (sysId: string) =>
    serviceNow
      .requests()
      .filter((r) => r.method === 'PATCH' && r.path.endsWith(sysId))
      .map((r) => (r.body as { state?: string }).state);

  test('"confirmed" reported while "applied" is in flight is sent after it by the writer that finishes second', async () => {
    const applied = await appliedThread();
    serviceNow.faults.inject({ kind: 'delay', delayMs: 600, method: 'PATCH', path: `/api/now/table/sc_req_item/${applied.request.requestSysId}` });
    const worker = reporter().report(applied);
    while (!(await store.getThread(applied.threadKey))?.serviceNowWrites.some((w) => w.pending)) {
      await clock.sleep(10);
    }
    const confirmed = (await confirm(applied.threadKey)) as ThreadRecord;
    await reporter().report(confirmed);
    expect(patchesOf(applied.request.requestSysId)).toEqual([]);

    await worker;
    expect(patchesOf(applied.request.requestSysId)).toEqual(['2', '3']);
    expect(serviceNow.getRecord('sc_req_item', applied.request.requestSysId)?.state).toBe('3');
    const final = (await store.getThread(applied.threadKey)) as ThreadRecord;
    expect(final.serviceNowWrites.map((w) => [w.threadState, w.ok, w.pending ?? false])).toEqual([
      ['applied', true, false],
      ['confirmed', true, false],
    ]);
  });

  test('the second reporter sends "confirmed" itself when "applied" has already landed, and a repeat sends nothing', async () => {
    const applied = await appliedThread();
    await reporter().report(applied);
    const confirmed = (await confirm(applied.threadKey)) as ThreadRecord;
    await reporter().report(confirmed);
    await reporter().report(confirmed);
    expect(patchesOf(applied.request.requestSysId)).toEqual(['2', '3']);
  });

  test('reporting the version the caller holds costs the claim and the completion, two writes and no read', async () => {
    const applied = await appliedThread();
    const { store: countingStore, calls } = countedStore(store);
    await reporter(countingStore).report(applied);
    expect(Object.fromEntries(calls)).toEqual({ saveThread: 2 });
    expect(patchesOf(applied.request.requestSysId)).toEqual(['2']);
  });

  test('a claim left by a reporter that died mid-write holds the others back until it is older than ABANDONED_WRITE_MS', async () => {
    const applied = await appliedThread();
    await mutateThread(store, applied.threadKey, (r) => {
      r.serviceNowWrites.push({ at: clock.isoNow(), threadState: 'applied', attempt: 1, ok: false, pending: true });
    });
    const confirmed = (await confirm(applied.threadKey)) as ThreadRecord;
    await reporter().report(confirmed);
    expect(patchesOf(applied.request.requestSysId)).toEqual([]);

    offsetMs += ABANDONED_WRITE_MS + 1000;
    try {
      await reporter().report(confirmed);
    } finally {
      offsetMs = 0;
    }
    expect(patchesOf(applied.request.requestSysId)).toEqual(['3']);
  });
});
