import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { WorkMessage, WorkQueue } from '../../ports/work-queue';
import { encodeMessage, shortHash } from './message';

/**
 * {@link WorkQueue} on an SQS FIFO queue.
 *
 * `MessageGroupId` is a hash of the user key, so SQS hands one user's messages to the worker one at a time, in order
 * (a leaver never overtakes its joiner), while different users proceed in parallel. `MessageDeduplicationId` covers
 * the thread and the replay count: a retried intake within SQS's 5-minute window is dropped, a replay is not.
 */
export class SqsFifoQueue implements WorkQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(message: WorkMessage): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: encodeMessage(message),
        MessageGroupId: shortHash(message.userKey),
        MessageDeduplicationId: shortHash(`${message.threadKey}#${message.replay}`),
      }),
    );
  }
}
