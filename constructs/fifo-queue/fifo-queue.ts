import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Fn, type TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { sidFor, type GrantStatement, type IGrantable } from '../iam-grants';

/** What a Lambda event source mapping does with its function's role; the consumer's role must allow all four. */
export const CONSUMER_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'] as const;
export const QUEUE_ACTIONS = ['sqs:SendMessage', ...CONSUMER_ACTIONS] as const;
export type QueueAction = (typeof QUEUE_ACTIONS)[number];

const SQS_MAX_VISIBILITY_SECONDS = 12 * 3600;
const MAIN_RETENTION_DAYS = 4;

export interface FifoQueueProps {
  /** Queue name without `.fifo`; the dead-letter queue is `<name>-dlq.fifo`. */
  readonly queueName: string;
  /** Longest time one consumer invocation may hold a message; the visibility timeout is six times this. */
  readonly consumerTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** @default 14 */
  readonly deadLetterRetentionDays?: number;
}

/** A function that can consume a queue: grantable, with an ARN and the policy its grants land in. */
export interface LambdaConsumer extends IGrantable, Construct {
  readonly functionArn: string;
  readonly rolePolicy: TerraformResource;
  /** The statements granted so far, when the consumer exposes them (checked when grants come from elsewhere). */
  readonly grantStatements?: readonly GrantStatement[];
}

export interface FifoConsumerProps {
  /** Messages per invocation, at most 10 for FIFO. */
  readonly batchSize: number;
  /**
   * Concurrent invocations the event source starts (at least 2). Set it to the function's reserved concurrency so
   * SQS is never throttled by Lambda, which would count as a failed receive and dead-letter healthy messages.
   */
  readonly maximumConcurrency: number;
  /**
   * Grant {@link CONSUMER_ACTIONS} to the consumer. Pass `false` when its grants come from elsewhere (the bridge's
   * handler manifest); the mapping then refuses a consumer whose statements lack one of them.
   * @default true
   */
  readonly grant?: boolean;
}

/**
 * An SQS FIFO queue with a FIFO dead-letter queue and a redrive policy, both encrypted with SQS-managed keys.
 *
 * Content-based deduplication is off: producers send an explicit `MessageDeduplicationId` (the bridge derives it
 * from the thread and replay count) and a `MessageGroupId` per user, so one user's messages are processed in order.
 * The visibility timeout is six times the consumer's timeout, as AWS advises for Lambda consumers, so a message is
 * never redelivered while an invocation may still be working on it.
 */
export class FifoQueue extends Construct {
  public readonly resource: SqsQueue;
  public readonly deadLetterQueue: SqsQueue;
  public readonly queueUrl: string;
  public readonly queueArn: string;
  public readonly queueName: string;
  public readonly deadLetterQueueName: string;
  public readonly deadLetterQueueArn: string;

  constructor(scope: Construct, id: string, props: FifoQueueProps) {
    super(scope, id);
    const visibilityTimeoutSeconds = props.consumerTimeoutSeconds * 6;
    if (visibilityTimeoutSeconds > SQS_MAX_VISIBILITY_SECONDS) {
      throw new Error(
        `queue ${props.queueName}: a consumer timeout of ${props.consumerTimeoutSeconds} s needs a visibility timeout of ${visibilityTimeoutSeconds} s, above SQS's ${SQS_MAX_VISIBILITY_SECONDS} s; lower the consumer timeout`,
      );
    }
    const retentionDays = props.deadLetterRetentionDays ?? 14;
    if (retentionDays < MAIN_RETENTION_DAYS) {
      throw new Error(
        `queue ${props.queueName}: dead-letter retention of ${retentionDays} days is shorter than the queue's ${MAIN_RETENTION_DAYS}; keep failures at least as long as pending work`,
      );
    }
    this.deadLetterQueue = new SqsQueue(this, 'DeadLetterQueue', {
      name: `${props.queueName}-dlq.fifo`,
      fifoQueue: true,
      contentBasedDeduplication: false,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: retentionDays * 24 * 3600,
    });
    this.resource = new SqsQueue(this, 'Resource', {
      name: `${props.queueName}.fifo`,
      fifoQueue: true,
      contentBasedDeduplication: false,
      // Per-message-group throughput: one user's order is kept without limiting the queue as a whole.
      deduplicationScope: 'messageGroup',
      fifoThroughputLimit: 'perMessageGroupId',
      sqsManagedSseEnabled: true,
      visibilityTimeoutSeconds,
      // SQS's default; failures move on to the dead-letter queue, which keeps them longer for inspection and replay.
      messageRetentionSeconds: MAIN_RETENTION_DAYS * 24 * 3600,
      redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: props.maxReceiveCount }),
    });
    new SqsQueueRedriveAllowPolicy(this, 'DeadLetterRedriveAllow', {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: Fn.jsonencode({ redrivePermission: 'byQueue', sourceQueueArns: [this.resource.arn] }),
    });
    this.queueUrl = this.resource.url;
    this.queueArn = this.resource.arn;
    this.queueName = this.resource.name;
    this.deadLetterQueueName = this.deadLetterQueue.name;
    this.deadLetterQueueArn = this.deadLetterQueue.arn;
  }

  /** Lets `grantee` perform exactly `actions` on this queue (SQS-managed encryption needs no KMS grant). */
  public grant(grantee: IGrantable, actions: readonly QueueAction[]): void {
    const unknown = actions.filter((a) => !(QUEUE_ACTIONS as readonly string[]).includes(a));
    if (unknown.length > 0 || actions.length === 0) {
      throw new Error(`queue ${this.node.id}: grant ${unknown.join(', ') || 'no action'}; grant one or more of ${QUEUE_ACTIONS.join(', ')}`);
    }
    grantee.addToPrincipalPolicy({ sid: sidFor(this, 'Access'), actions: [...actions], resources: [this.queueArn] });
  }

  /** Lets `grantee` send to the queue: `sqs:SendMessage` on this queue only (SQS-managed encryption needs no KMS grant). */
  public grantSendMessages(grantee: IGrantable): void {
    grantee.addToPrincipalPolicy({ sid: sidFor(this, 'Send'), actions: ['sqs:SendMessage'], resources: [this.queueArn] });
  }

  /**
   * Lets `grantee` consume the queue, as a Lambda event source mapping does: `sqs:ReceiveMessage`,
   * `sqs:DeleteMessage`, `sqs:ChangeMessageVisibility` and `sqs:GetQueueAttributes` on this queue only.
   */
  public grantConsumeMessages(grantee: IGrantable): void {
    grantee.addToPrincipalPolicy({
      sid: sidFor(this, 'Consume'),
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      resources: [this.queueArn],
    });
  }

  /**
   * Makes `consumer` the queue's Lambda consumer, with partial batch responses (`ReportBatchItemFailures`) so one
   * failed message does not return the whole batch. Grants {@link grantConsumeMessages}.
   */
  public addLambdaConsumer(consumer: LambdaConsumer, props: FifoConsumerProps): LambdaEventSourceMapping {
    if (props.batchSize < 1 || props.batchSize > 10) {
      throw new Error(`batch size of a FIFO queue consumer must be between 1 and 10, but ${props.batchSize} was given`);
    }
    if (props.maximumConcurrency < 2 || props.maximumConcurrency > 1000) {
      throw new Error(`maximum concurrency of an SQS event source must be between 2 and 1000, but ${props.maximumConcurrency} was given`);
    }
    if (props.grant ?? true) {
      this.grantConsumeMessages(consumer);
    } else if (consumer.grantStatements) {
      const granted = new Set(consumer.grantStatements.filter((s) => s.resources.includes(this.queueArn)).flatMap((s) => s.actions));
      const missing = CONSUMER_ACTIONS.filter((a) => !granted.has(a));
      if (missing.length > 0) {
        throw new Error(
          `queue ${this.node.id}: consumer ${consumer.node.id} lacks ${missing.join(', ')} on the queue; the event source mapping needs ${CONSUMER_ACTIONS.join(', ')}`,
        );
      }
    }
    return new LambdaEventSourceMapping(consumer, 'QueueEventSource', {
      eventSourceArn: this.queueArn,
      functionName: consumer.functionArn,
      batchSize: props.batchSize,
      functionResponseTypes: ['ReportBatchItemFailures'],
      scalingConfig: { maximumConcurrency: props.maximumConcurrency },
      enabled: true,
      // Lambda checks the role's SQS permissions when the mapping is created.
      dependsOn: [consumer.rolePolicy],
    });
  }
}
