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
    // Okta's events arrive 300 ms after the change, so the worker writes "applied" before the event hook confirms.
    stack = await startStack({ okta: { eventHookBatchDelayMs: 300 }, env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(() => stack.close());

  test('a slow "applied" write does not overwrite the later "confirmed" state', async () => {
    const joiner = jmlRequest('joiner');
    stack.serviceNow.faults.inject({ kind: 'delay', delayMs: 1500, method: 'PATCH', path: `/api/now/table/sc_req_item/${joiner.requestSysId}` });
    expect(await deliver(stack, new Ledger(), joiner)).toBe(202);
    await stack.settle();
    // The slow write answered, and no write of the thread still in flight (the one that ends sends "confirmed").
    await stack.serviceNow.faults.idle();
    const threadOf = async () => (await stack.bridge.store.findByRequestNumber(joiner.requestNumber))[0];
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
