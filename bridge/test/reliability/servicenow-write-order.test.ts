import { jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';
import { deliver } from './helpers/deliver';
import { Ledger } from './helpers/ledger';
import { waitUntil } from '../../../test/helpers/wait';

/**
 * The worker's "applied" write-back and the event hook's "confirmed" write-back to the same requested item used to run
 * concurrently, so a slow "applied" PATCH landed after "confirmed" and left the item in Work in Progress. Write-backs
 * of one thread are now serialised through the thread record: the slow write holds the claim and whoever sees the
 * thread confirmed after it completes sends "confirmed" (see `ServiceNowWriteBack`).
 */
describe('ServiceNow write-backs of one request', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // Okta delivers its events only when the test flushes them, so they arrive while the "applied" write is held.
    stack = await startStack({ okta: { eventHookBatchDelayMs: 3_600_000 }, env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(() => stack.close());

  test('a slow "applied" write does not overwrite the later "confirmed" state', async () => {
    const joiner = jmlRequest('joiner');
    const threadOf = async () => (await stack.bridge.store.findByRequestNumber(joiner.requestNumber))[0];
    stack.serviceNow.faults.inject({ kind: 'hold', method: 'PATCH', path: `/api/now/table/sc_req_item/${joiner.requestSysId}` });
    expect(await deliver(stack, new Ledger(), joiner)).toBe(202);
    // The worker applied the joiner in Okta and its "applied" write is on its way, unanswered.
    await waitUntil(() => stack.serviceNow.faults.heldCount() === 1);
    // Okta's events confirm the thread meanwhile; the "confirmed" write waits behind the one in flight.
    await stack.okta.flushEventHooks();
    const meanwhile = await threadOf();
    expect({ state: meanwhile.state, writes: meanwhile.serviceNowWrites.map((w) => [w.threadState, w.pending ?? false]) }).toEqual({
      state: 'confirmed',
      writes: [['applied', true]],
    });
    // The slow write lands; whoever ends it sends "confirmed".
    stack.serviceNow.faults.release();
    await stack.settle();
    await waitUntil(async () => (await threadOf()).serviceNowWrites.every((w) => !w.pending));

    const thread = await threadOf();
    expect(thread.state).toBe('confirmed');
    expect(stack.serviceNow.getRecord('sc_req_item', joiner.requestSysId)?.state).toBe('3');
    expect(thread.serviceNowWrites.map((w) => [w.threadState, w.ok, w.pending ?? false])).toEqual([
      ['applied', true, false],
      ['confirmed', true, false],
    ]);
  });
});
