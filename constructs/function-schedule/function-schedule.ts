import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';

export interface FunctionScheduleProps {
  readonly ruleName: string;
  readonly description: string;
  /** Minutes between invocations. */
  readonly rateMinutes: number;
  readonly functionName: string;
  readonly functionArn: string;
}

/**
 * An EventBridge rule that invokes a function every `rateMinutes`, and the permission for that rule (and no other
 * caller) to invoke it.
 */
export class FunctionSchedule extends Construct {
  public readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: FunctionScheduleProps) {
    super(scope, id);
    if (!Number.isInteger(props.rateMinutes) || props.rateMinutes < 1) {
      throw new Error(`schedule ${props.ruleName}: rate must be a whole number of minutes of at least 1, but ${props.rateMinutes} was given`);
    }
    this.rule = new CloudwatchEventRule(this, 'Rule', {
      name: props.ruleName,
      description: props.description,
      scheduleExpression: `rate(${props.rateMinutes} ${props.rateMinutes === 1 ? 'minute' : 'minutes'})`,
    });
    new CloudwatchEventTarget(this, 'Target', { rule: this.rule.name, arn: props.functionArn });
    new LambdaPermission(this, 'InvokePermission', {
      statementId: 'AllowEventBridgeSchedule',
      action: 'lambda:InvokeFunction',
      functionName: props.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: this.rule.arn,
    });
  }
}
