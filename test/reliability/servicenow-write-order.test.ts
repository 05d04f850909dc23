import { jmlRequest } from '../../../bridge/test/helpers/requests';
import { startStack, TestStack } from '../../../bridge/test/helpers/stack';
import { deliver } from '../helpers/deliver';
import { Ledger } from '../helpers/ledger';

/**
 * Known bridge gap (reported to the lead, see docs/benchmarks.md): the worker's "applied" write-back and the event
 * hook's "confirmed" write-back to the same requested item run concurrently. When the first is slow (a slow or
 * retried PATCH) the second lands first, then the first overwrites it: the item ends in state 2 (Work in Progress)
 * with the "applied" note last, while the thread is confirmed and records both writes as successful. Seen in the
 * faults test with two ServiceNow 503s; made deterministic here with one slow PATCH. Fails until write-backs of one
 * thread are ordered (or a write that is no longer the thread's latest state drops its state field).
 */
describe('known bug: ServiceNow write-backs of one request landing out of order', () => {
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
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const [thread] = await stack.bridge.store.findByRequestNumber(joiner.requestNumber);
    expect(thread.state).toBe('confirmed');
    expect(stack.serviceNow.getRecord('sc_req_item', joiner.requestSysId)?.state).toBe('3');
  });
});
