import { Logger } from '../src/ports/logger';
import { WorkMessage, WorkQueue } from '../src/ports/work-queue';

export type MessageHandler = (message: WorkMessage) => Promise<unknown>;

export interface InProcessQueueOptions {
  /** Deliveries of a message before it is parked in `deadLetters` (SQS `maxReceiveCount`). @default 3 */
  readonly maxReceives?: number;
  /** @default 50 */
  readonly redeliveryDelayMs?: number;
  /**
   * Users processed at the same time, as Lambda reserved concurrency bounds the SQS worker: it keeps Okta call
   * concurrency far below Okta's limit and leaves the event loop to the intake. @default 4
   */
  readonly maxConcurrency?: number;
}

/**
 * {@link WorkQueue} for local mode and tests, with the same ordering as SQS FIFO message groups: one chain per user
 * key, so messages of one user run one after another in enqueue order, and different users run concurrently (up to
 * `maxConcurrency`).
 *
 * A handler that throws is retried (like an SQS redelivery) up to `maxReceives`, then parked in {@link deadLetters}
 * (the SQS DLQ of local mode). Not durable: local mode only.
 */
export class InProcessQueue implements WorkQueue {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private handlerReady: Promise<MessageHandler>;
  private provideHandler!: (handler: MessageHandler) => void;
  readonly deadLetters: WorkMessage[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly options: InProcessQueueOptions = {},
  ) {
    this.handlerReady = new Promise((resolve) => {
      this.provideHandler = resolve;
    });
  }

  /** Starts delivering to `handler`; messages enqueued before are delivered now. */
  consume(handler: MessageHandler): void {
    this.provideHandler(handler);
    this.handlerReady = Promise.resolve(handler);
  }

  async enqueue(message: WorkMessage): Promise<void> {
    const previous = this.chains.get(message.userKey) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(message));
    this.chains.set(message.userKey, next);
    this.pending.add(next);
    void next.finally(() => {
      this.pending.delete(next);
      if (this.chains.get(message.userKey) === next) {
        this.chains.delete(message.userKey);
      }
    });
  }

  /** Resolves once every message enqueued so far (and any they caused) has been handled. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all([...this.pending]);
    }
  }

  private async deliver(message: WorkMessage): Promise<void> {
    const handler = await this.handlerReady;
    await this.acquire();
    try {
      await this.deliverWithRetries(handler, message);
    } finally {
      this.release();
    }
  }

  private async deliverWithRetries(handler: MessageHandler, message: WorkMessage): Promise<void> {
    const maxReceives = this.options.maxReceives ?? 3;
    for (let receive = 1; ; receive++) {
      try {
        await handler(message);
        return;
      } catch (error) {
        this.logger.error('queue.handler_failed', {
          correlationId: message.correlationId,
          receive,
          error: error instanceof Error ? error.message : String(error),
        });
        if (receive >= maxReceives) {
          this.deadLetters.push(message);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, this.options.redeliveryDelayMs ?? 50));
      }
    }
  }

  private async acquire(): Promise<void> {
    if (this.running < (this.options.maxConcurrency ?? 4)) {
      this.running += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiter, if any. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
    } else {
      this.running -= 1;
    }
  }
}
