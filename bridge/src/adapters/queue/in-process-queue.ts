import { Logger } from '../../ports/logger';
import { WorkMessage, WorkQueue } from '../../ports/work-queue';

export type MessageHandler = (message: WorkMessage) => Promise<unknown>;

/**
 * {@link WorkQueue} for local mode and tests, with the same ordering as SQS FIFO message groups: one chain per user
 * key, so messages of one user run one after another in enqueue order, and different users run concurrently.
 *
 * A handler that throws is retried (like an SQS redelivery) up to `maxReceives`, then parked in {@link deadLetters}
 * (the SQS DLQ of local mode). Not durable: local mode only.
 */
export class InProcessQueue implements WorkQueue {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private handler?: MessageHandler;
  readonly deadLetters: WorkMessage[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly options: { maxReceives?: number; redeliveryDelayMs?: number } = {},
  ) {}

  /** Starts delivering to `handler`; messages enqueued before are delivered now. */
  consume(handler: MessageHandler): void {
    this.handler = handler;
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
    const maxReceives = this.options.maxReceives ?? 3;
    for (let receive = 1; ; receive++) {
      while (!this.handler) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      try {
        await this.handler(message);
        return;
      } catch (error) {
        this.logger.error('queue.handler_failed', { correlationId: message.correlationId, receive, error: error instanceof Error ? error.message : String(error) });
        if (receive >= maxReceives) {
          this.deadLetters.push(message);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, this.options.redeliveryDelayMs ?? 50));
      }
    }
  }
}
