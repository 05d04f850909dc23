import { randomUUID } from 'node:crypto';
import type { JmlRequest } from '../../../src/domain/jml-request';
import type { TestStack } from '../../../dev/harness/stack';
import { EmulatedSqsQueue } from '../../../dev/local/emulated-sqs-queue';
import { Ledger } from './ledger';

/**
 * Delivers a request the way ServiceNow's REST message retries: the same webhook-id on every attempt, again after a
 * 5xx or a network error, until the intake answers something other than 5xx or the attempts run out.
 */
export async function deliver(stack: TestStack, ledger: Ledger, request: JmlRequest, options: { webhookId?: string; attempts?: number } = {}): Promise<number> {
  const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
  const attempts = options.attempts ?? 40;
  for (let attempt = 1; ; attempt++) {
    let status: number;
    try {
      status = (await stack.submit(request, { webhookId })).status;
    } catch {
      status = 599;
    }
    ledger.record(request.requestNumber, status);
    if (status < 500 || attempt >= attempts) {
      return status;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
  }
}

/**
 * What an operator does after an outage: redrive the queue's dead-letter messages (the emulator's SQS DLQ back to its
 * queue, or the in-process queue's parked messages), replay dead-lettered threads, and wait for everything to settle.
 */
export async function recover(stack: TestStack): Promise<void> {
  stack.okta.faults.clear();
  stack.serviceNow.faults.clear();
  for (let round = 0; round < 3; round++) {
    const queue = stack.bridge.queue;
    let parked = 0;
    if (queue instanceof EmulatedSqsQueue) {
      parked = await queue.redriveDeadLetters();
    } else {
      for (const message of queue.deadLetters.splice(0)) {
        await queue.enqueue(message);
        parked += 1;
      }
    }
    const replayed = await stack.bridge.replay.replay();
    await stack.settle();
    if (parked === 0 && replayed.length === 0) {
      return;
    }
  }
}
