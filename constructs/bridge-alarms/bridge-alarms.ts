import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';

export interface BridgeAlarmsProps {
  /** Prefix of every alarm name, e.g. `jml-bridge-example`. */
  readonly namePrefix: string;
  readonly apiId: string;
  /** Every function, by a short key used in alarm names (`intake`, `worker`, ...). */
  readonly functionNames: Readonly<Record<string, string>>;
  /** The key in {@link functionNames} of the queue consumer. */
  readonly workerKey: string;
  readonly deadLetterQueueName: string;
  readonly thresholds: {
    readonly serverErrorRatePercent: number;
    readonly deadLetterMessages: number;
    readonly workerErrors: number;
    readonly throttles: number;
  };
  readonly periodSeconds: number;
  /**
   * Where alarms notify: an existing topic, or an address for a topic this construct creates.
   * @default - alarms change state in CloudWatch without notifying anyone
   */
  readonly notify?: { readonly topicArn: string } | { readonly email: string };
}

/**
 * The bridge's alarms: API 5xx rate, dead-letter queue depth, worker errors, and throttles of each function.
 *
 * Missing data is "not breaching": an idle bridge is a healthy one. Each alarm both fires and recovers to the
 * topic, so whoever is paged also learns when it is over.
 */
export class BridgeAlarms extends Construct {
  public readonly alarms: CloudwatchMetricAlarm[] = [];
  /** The topic alarms publish to, if any. */
  public readonly topicArn?: string;

  constructor(scope: Construct, id: string, props: BridgeAlarmsProps) {
    super(scope, id);
    this.topicArn = this.topicFor(props);
    const actions = this.topicArn ? [this.topicArn] : [];
    const common = {
      evaluationPeriods: 1,
      period: props.periodSeconds,
      treatMissingData: 'notBreaching',
      alarmActions: actions,
      okActions: actions,
    };

    this.alarms.push(
      new CloudwatchMetricAlarm(this, 'ServerErrorRate', {
        alarmName: `${props.namePrefix}-api-5xx-rate`,
        alarmDescription: `More than ${props.thresholds.serverErrorRatePercent}% of bridge API requests answered 5xx; ServiceNow retries, but check the intake and event-hook logs.`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: props.thresholds.serverErrorRatePercent,
        evaluationPeriods: 1,
        treatMissingData: 'notBreaching',
        alarmActions: actions,
        okActions: actions,
        metricQuery: [
          {
            id: 'errors',
            metric: { namespace: 'AWS/ApiGateway', metricName: '5xx', dimensions: { ApiId: props.apiId }, stat: 'Sum', period: props.periodSeconds },
          },
          {
            id: 'requests',
            metric: { namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: { ApiId: props.apiId }, stat: 'Sum', period: props.periodSeconds },
          },
          { id: 'rate', expression: 'IF(requests > 0, 100 * errors / requests, 0)', label: '5xx rate (%)', returnData: true },
        ],
      }),
      new CloudwatchMetricAlarm(this, 'DeadLetterDepth', {
        ...common,
        alarmName: `${props.namePrefix}-dead-letters`,
        alarmDescription: 'JML requests reached the dead-letter queue: inspect them and replay once the cause is fixed.',
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: props.deadLetterQueueName },
        statistic: 'Maximum',
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: props.thresholds.deadLetterMessages,
      }),
      new CloudwatchMetricAlarm(this, 'WorkerErrors', {
        ...common,
        alarmName: `${props.namePrefix}-worker-errors`,
        alarmDescription: 'The JML worker failed invocations; failed messages are retried and then dead-lettered.',
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        dimensions: { FunctionName: props.functionNames[props.workerKey] ?? missing(props.workerKey) },
        statistic: 'Sum',
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: props.thresholds.workerErrors,
      }),
    );
    for (const [key, functionName] of Object.entries(props.functionNames)) {
      this.alarms.push(
        new CloudwatchMetricAlarm(this, `Throttles-${key}`, {
          ...common,
          alarmName: `${props.namePrefix}-${key}-throttles`,
          alarmDescription: `The ${key} function was throttled: raise its reserved concurrency or the account limit.`,
          namespace: 'AWS/Lambda',
          metricName: 'Throttles',
          dimensions: { FunctionName: functionName },
          statistic: 'Sum',
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          threshold: props.thresholds.throttles,
        }),
      );
    }
  }

  private topicFor(props: BridgeAlarmsProps): string | undefined {
    if (!props.notify) return undefined;
    if ('topicArn' in props.notify) return props.notify.topicArn;
    // Not KMS-encrypted: CloudWatch cannot publish to a topic under the AWS-managed SNS key, and alarm
    // notifications carry names and thresholds only.
    const topic = new SnsTopic(this, 'Topic', { name: `${props.namePrefix}-alarms` });
    new SnsTopicSubscription(this, 'EmailSubscription', { topicArn: topic.arn, protocol: 'email', endpoint: props.notify.email });
    return topic.arn;
  }
}

function missing(key: string): never {
  throw new Error(`alarm worker key "${key}" is not one of the functions given; pass the consumer's key`);
}
