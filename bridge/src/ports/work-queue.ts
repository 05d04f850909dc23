/** What the intake hands to the worker: only keys, the record itself stays in the store. */
export interface WorkMessage {
  readonly threadKey: string;
  readonly correlationId: string;
  /** Per-user ordering key (lower-cased login): messages with the same key are processed one at a time, in order. */
  readonly userKey: string;
  /** Distinguishes a replay from the original delivery so FIFO deduplication does not swallow it. */
  readonly replay: number;
}

/**
 * The durable hand-off between intake and worker, ordered per user.
 *
 * SQS FIFO in AWS (message group = user key); an in-process queue with the same ordering locally and in tests.
 */
export interface WorkQueue {
  enqueue(message: WorkMessage): Promise<void>;
}
