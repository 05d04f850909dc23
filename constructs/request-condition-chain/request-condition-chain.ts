import { Construct } from 'constructs';
import { RequestCondition } from '../../.gen/providers/okta-oig/request-condition';

/** One Okta Access Requests condition on a resource, in the chain's priority order. */
export interface ChainedConditionProps {
  /** Stable key: construct id and output key. Renaming it replaces the condition. */
  readonly key: string;
  readonly name: string;
  /** @default - no description */
  readonly description?: string;
  /** Group ids a request under this condition grants (access scope `GROUPS`). */
  readonly accessScopeGroupIds: readonly string[];
  /** Group ids whose members may request (requesters `GROUPS`). */
  readonly requesterGroupIds: readonly string[];
  /** Single-unit ISO 8601 duration: the maximum a requester may choose, or the fixed length. */
  readonly accessDuration: string;
  /** `requester` picks up to `accessDuration`; `admin` fixes it. */
  readonly durationChosenBy: 'requester' | 'admin';
  readonly approvalSequenceId: string;
}

export interface RequestConditionChainProps {
  /** Okta id of the requestable resource (an app). */
  readonly resourceId: string;
  /** Highest priority first. */
  readonly conditions: readonly ChainedConditionProps[];
}

/**
 * ACTIVE access-request conditions on one resource with deterministic priorities (0 = highest, in list order).
 *
 * Each condition depends on the previous one, so Terraform creates them one at a time in order. Okta sets a
 * condition's priority relative to the conditions that already exist on the resource, so with Terraform's default
 * parallel creation the stored priorities depend on which request lands first (issue 3; inferred from the API's
 * behaviour as reported there, not verified against an org). Serial creation makes each requested priority the
 * one Okta stores, and a plan after apply stays empty.
 */
export class RequestConditionChain extends Construct {
  /** The conditions by key, in priority order. */
  public readonly conditions: Readonly<Record<string, RequestCondition>>;

  constructor(scope: Construct, id: string, props: RequestConditionChainProps) {
    super(scope, id);
    const conditions: Record<string, RequestCondition> = {};
    let previous: RequestCondition | undefined;
    props.conditions.forEach((condition, priority) => {
      const resource: RequestCondition = new RequestCondition(this, condition.key, {
        resourceId: props.resourceId,
        name: condition.name,
        description: condition.description,
        status: 'ACTIVE',
        priority,
        approvalSequenceId: condition.approvalSequenceId,
        accessScopeSettings: { type: 'GROUPS', ids: condition.accessScopeGroupIds.map((groupId) => ({ id: groupId })) },
        requesterSettings: { type: 'GROUPS', ids: condition.requesterGroupIds.map((groupId) => ({ id: groupId })) },
        accessDurationSettings: {
          type: condition.durationChosenBy === 'admin' ? 'ADMIN_FIXED_DURATION' : 'REQUESTER_SPECIFIED_DURATION',
          duration: condition.accessDuration,
        },
        dependsOn: previous ? [previous] : undefined,
      });
      conditions[condition.key] = resource;
      previous = resource;
    });
    this.conditions = conditions;
  }
}
