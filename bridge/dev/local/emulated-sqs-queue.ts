import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { decodeMessage } from '../../src/adapters/queue/message';
import { SqsFifoQueue } from '../../src/adapters/queue/sqs-fifo-queue';
import { consumeBatch } from '../../src/handlers/worker';
import type { Logger } from '../../src/ports/logger';
import type { WorkMessage, WorkQueue } from '../../src/ports/work-queue';

export type MessageHandler = (message: WorkMessage) => Promise<unknown>;

export interface EmulatedSqsQueueOptions {
  /** The queue's `maxReceiveCount` before SQS moves a message to the dead-letter queue. @default 3 */
  readonly maxReceives?: number;
  /** Concurrent batches, as Lambda's concurrency for a FIFO event source mapping. @default 4 */
  readonly pollers?: number;
  /**
   * The queue's visibility timeout, longer than any batch takes (as production's is longer than the worker's
   * timeout), so a message is never handed out twice while it is being processed. @default 30
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * A failed record is made visible again after this many seconds (ChangeMessageVisibility), standing in for the wait
   * to the end of the visibility timeout, which would make tests slow. @default 1
   */
  readonly retryDelaySeconds?: number;
}

const ROOT = join(__dirname, '..', '..', '..');
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'us-east-1';

/**
 * Starts fauxqs 1.9.2 (docs/toolchain.md) in a child process, since it is an ES module, listening on loopback only.
 * Its queue URLs are built from the request's Host header (`http://127.0.0.1:<port>/...`), so no `*.localhost` name
 * has to resolve. The child exits when its stdin closes, so it does not outlive the process that started it.
 */
async function startFauxqs(): Promise<{ endpoint: string; child: ChildProcess }> {
  const dist = join(ROOT, 'node_modules', 'fauxqs', 'dist');
  const script = `
    const { buildApp } = await import(${JSON.stringify(pathToFileURL(join(dist, 'app.js')).href)});
    const { SqsStore } = await import(${JSON.stringify(pathToFileURL(join(dist, 'sqs', 'sqsStore.js')).href)});
    const sqsStore = new SqsStore();
    sqsStore.host = undefined;
    const app = buildApp({ logger: false, stores: { sqsStore } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    process.stdout.write(JSON.stringify({ port: app.server.address().port }) + '\\n');
    process.stdin.on('end', () => process.exit(0));
    process.stdin.resume();
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    // Only a hang: on a busy machine its start (an ES module and its dependencies) can take many seconds.
    const timer = setTimeout(() => reject(new Error('fauxqs did not start within 120 s')), 120_000);
    child.once('exit', (code) => reject(new Error(`fauxqs exited (${code}) before listening`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
  });
  return { endpoint: `http://127.0.0.1:${port}`, child };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The bridge's queue in local mode and tests on an SQS emulator: messages go through the real {@link SqsFifoQueue}
 * adapter into a FIFO queue shaped like `constructs/fifo-queue` (explicit deduplication ids, per-group scope, a FIFO
 * dead-letter queue after `maxReceiveCount`), and pollers stand in for Lambda's event source mapping: receive a batch,
 * hand it to the worker's batch consumer (`consumeBatch`, the Powertools FIFO processor the Lambda handler runs),
 * delete what it reports done and leave its `batchItemFailures` to come back.
 */
export class EmulatedSqsQueue implements WorkQueue {
  private handler: MessageHandler | undefined;
  private handlerReady: Promise<void>;
  private provideHandler!: () => void;
  private busy = 0;
  private closed = false;
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly adapter: SqsFifoQueue;
  private redrives = 0;

  private constructor(
    private readonly client: SQSClient,
    private readonly child: ChildProcess,
    readonly queueUrl: string,
    readonly deadLetterQueueUrl: string,
    private readonly logger: Logger,
    private readonly options: EmulatedSqsQueueOptions,
  ) {
    this.adapter = new SqsFifoQueue(client, queueUrl);
    this.handlerReady = new Promise((resolve) => {
      this.provideHandler = resolve;
    });
    for (let i = 0; i < (options.pollers ?? 4); i++) {
      this.loops.push(this.pollLoop());
    }
  }

  static async start(logger: Logger, options: EmulatedSqsQueueOptions = {}): Promise<EmulatedSqsQueue> {
    const { endpoint, child } = await startFauxqs();
    const client = new SQSClient({ region: REGION, endpoint, credentials: CREDENTIALS });
    try {
      const dlq = await client.send(
        new CreateQueueCommand({ QueueName: 'jml-bridge-work-dlq.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' } }),
      );
      const dlqArn = (await client.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
      const main = await client.send(
        new CreateQueueCommand({
          QueueName: 'jml-bridge-work.fifo',
          Attributes: {
            FifoQueue: 'true',
            ContentBasedDeduplication: 'false',
            DeduplicationScope: 'messageGroup',
            FifoThroughputLimit: 'perMessageGroupId',
            VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceives ?? 3 }),
          },
        }),
      );
      return new EmulatedSqsQueue(client, child, main.QueueUrl!, dlq.QueueUrl!, logger, options);
    } catch (error) {
      child.kill();
      throw error;
    }
  }

  /** Through the real adapter: its message group and deduplication ids are the ones production sends. */
  enqueue(message: WorkMessage): Promise<void> {
    return this.adapter.enqueue(message);
  }

  /** Starts (or switches) the worker the pollers hand records to. */
  consume(handler: MessageHandler): void {
    this.handler = handler;
    this.provideHandler();
  }

  /** Resolves once the queue holds nothing visible, in flight or delayed and no batch is being processed. */
  async idle(): Promise<void> {
    for (let quiet = 0; quiet < 2; ) {
      await sleep(25);
      quiet = this.busy > 0 || (await this.outstanding(this.queueUrl)) > 0 ? 0 : quiet + 1;
    }
  }

  /**
   * The operator's DLQ redrive: moves every dead-letter message back to the queue, one group's messages in their
   * order. Each gets a new deduplication id, or the queue would drop it as a copy of the original within SQS's
   * five-minute window. Returns how many it moved.
   */
  async redriveDeadLetters(): Promise<number> {
    let moved = 0;
    for (;;) {
      const received = await this.client.send(
        new ReceiveMessageCommand({ QueueUrl: this.deadLetterQueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 0 }),
      );
      const messages = received.Messages ?? [];
      if (messages.length === 0) {
        return moved;
      }
      for (const m of messages) {
        await this.client.send(
          new SendMessageCommand({
            QueueUrl: this.queueUrl,
            MessageBody: m.Body!,
            MessageGroupId: m.Attributes!.MessageGroupId!,
            MessageDeduplicationId: `redrive-${++this.redrives}-${m.MessageId}`,
          }),
        );
        await this.client.send(new DeleteMessageCommand({ QueueUrl: this.deadLetterQueueUrl, ReceiptHandle: m.ReceiptHandle! }));
        moved += 1;
      }
    }
  }

  /** Messages left in the dead-letter queue. */
  deadLetterCount(): Promise<number> {
    return this.outstanding(this.deadLetterQueueUrl);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    this.provideHandler();
    await Promise.all(this.loops);
    this.client.destroy();
    this.child.stdin?.end();
    this.child.kill();
  }

  private async outstanding(queueUrl: string): Promise<number> {
    const { Attributes: a = {} } = await this.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    return (
      Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(a.ApproximateNumberOfMessagesDelayed ?? 0)
    );
  }

  private async pollLoop(): Promise<void> {
    await this.handlerReady;
    while (!this.closed) {
      let messages: Message[];
      try {
        const received = await this.client.send(
          new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 1 }),
          { abortSignal: this.abort.signal },
        );
        messages = received.Messages ?? [];
      } catch (error) {
        if (this.closed) {
          return;
        }
        this.logger.error('queue.receive_failed', { error: error instanceof Error ? error.message : String(error) });
        await sleep(100);
        continue;
      }
      if (messages.length > 0) {
        this.busy += 1;
        try {
          await this.consumeMessages(messages);
        } finally {
          this.busy -= 1;
        }
      }
    }
  }

  /** One Lambda invocation: the batch as an SQS event through the worker's consumer, then what the mapping does. */
  private async consumeMessages(messages: Message[]): Promise<void> {
    const event = {
      Records: messages.map((m) => ({
        messageId: m.MessageId!,
        receiptHandle: m.ReceiptHandle!,
        body: m.Body!,
        attributes: m.Attributes ?? {},
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: '',
        awsRegion: REGION,
      })),
    } as unknown as SQSEvent;
    const { batchItemFailures } = await consumeBatch(event, (body) => this.handler!(decodeMessage(body)), this.logger);
    const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    const retry = messages.filter((m) => failed.has(m.MessageId!));
    if (done.length > 0) {
      await this.client.send(
        new DeleteMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
      );
    }
    if (retry.length > 0) {
      await this.client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: retry.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: this.options.retryDelaySeconds ?? 1 })),
        }),
      );
    }
  }
}
