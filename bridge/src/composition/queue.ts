import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsFifoQueue } from '../adapters/queue/sqs-fifo-queue';
import { QueueConfig } from '../config/load';

/** The SQS FIFO queue; its URL's origin is the endpoint, so the client never resolves another one. */
export function buildSqsQueue(config: QueueConfig): SqsFifoQueue {
  return new SqsFifoQueue(new SQSClient({ region: config.region, endpoint: new URL(config.queueUrl).origin }), config.queueUrl);
}
