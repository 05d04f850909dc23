import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { GuardrailPack, type GuardrailPackProps, type RuleDefinition } from '../pack';
import { ApiGatewayWithinLimits } from '../rules/limits/api-gateway';
import { LIMITS } from '../rules/limits/documented-limits';
import { DynamoDbIndexCount, DynamoDbItemFitsBridgeRequests, DynamoDbTableItemSize, THREAD_JOURNAL_RESERVE_BYTES } from '../rules/limits/dynamodb';
import { LambdaEnvironmentSize, LambdaSettingsWithinLimits, REFERENCE_ESTIMATE_BYTES } from '../rules/limits/lambda';
import {
  OktaAdminsPerRoleBinding,
  OktaGroupRuleNotCascading,
  OktaGroupRuleWithinLimits,
  oktaOrgCountWithinLimit,
  OktaResourceSetSize,
} from '../rules/limits/okta';
import { OrgInventory, type OrgCounts } from '../rules/limits/org-inventory';
import { BRIDGE_WORK_MESSAGE_MAX_BYTES, SqsQueueWithinLimits } from '../rules/limits/sqs';

const cite = (limit: { value: number; what: string; source: string }) =>
  `the limit is ${limit.value.toLocaleString('en-US')} ${limit.what} (${limit.source}; docs/service-limits.md)`;

/** Every rule of the service-limits pack; guardrails/RULES.md documents the same table. */
export function serviceLimitRules(orgCounts: OrgCounts): RuleDefinition[] {
  return [
    {
      id: 'SL-LAMBDA1',
      rule: LambdaEnvironmentSize,
      level: 'error',
      info: "The function's environment variables exceed Lambda's 4 KB quota, so `terraform apply` would fail",
      explanation: `${cite(LIMITS.lambdaEnvironmentBytes)}, names and values together; references count as ${REFERENCE_ESTIMATE_BYTES} bytes each. Pass lists and other data that grow with the environment some other way (the bridge derives its managed groups from names: bridge/README.md), never as variables.`,
    },
    {
      id: 'SL-LAMBDA2',
      rule: LambdaSettingsWithinLimits,
      level: 'error',
      info: 'A function setting is outside what Lambda accepts',
      explanation: `timeout 1-${LIMITS.lambdaTimeoutSeconds.value} s, memory ${LIMITS.lambdaMemoryMbMin.value}-${LIMITS.lambdaMemoryMbMax.value} MB, name at most ${LIMITS.lambdaFunctionNameChars.value} and description at most ${LIMITS.lambdaDescriptionChars.value} characters (${LIMITS.lambdaTimeoutSeconds.source}, ${LIMITS.lambdaFunctionNameChars.source}); change bridge.functions.<name> or the environment name.`,
    },
    {
      id: 'SL-SQS1',
      rule: SqsQueueWithinLimits,
      level: 'error',
      info: "A queue attribute is outside SQS's range or too small for the messages the bridge sends",
      explanation: `max_message_size ${LIMITS.sqsMessageBytesMin.value}-${LIMITS.sqsMessageBytes.value} bytes and at least ${BRIDGE_WORK_MESSAGE_MAX_BYTES} (the bridge's largest work message), visibility timeout at most ${LIMITS.sqsVisibilityTimeoutSeconds.value} s, retention 60-${LIMITS.sqsRetentionSeconds.value} s (${LIMITS.sqsMessageBytes.source}); fix the bridge.queue settings or the worker timeout.`,
    },
    {
      id: 'SL-DDB1',
      rule: DynamoDbItemFitsBridgeRequests,
      level: 'error',
      info: 'The intake accepts request bodies larger than a DynamoDB item can record',
      explanation: `${cite(LIMITS.dynamoDbItemBytes)}; the thread item holds the request plus a ${THREAD_JOURNAL_RESERVE_BYTES / 1024} KiB journal reserve, so keep bridge.intake body limit (BODY_LIMIT_BYTES) at most ${LIMITS.dynamoDbItemBytes.value - THREAD_JOURNAL_RESERVE_BYTES} bytes.`,
    },
    {
      id: 'SL-DDB2',
      rule: DynamoDbIndexCount,
      level: 'error',
      info: 'The table declares more global secondary indexes than DynamoDB allows',
      explanation: `${cite(LIMITS.dynamoDbGsisPerTable)}; remove an index from bridge/contract/table.ts or request a quota increase first.`,
    },
    {
      id: 'SL-DDB3',
      rule: DynamoDbTableItemSize,
      level: 'error',
      info: 'An item Terraform writes is larger than a DynamoDB item may be',
      explanation: `${cite(LIMITS.dynamoDbItemBytes)}; split the data over several items (bridge/contract/managed-groups.ts chunks the managed-group names).`,
    },
    {
      id: 'SL-APIGW1',
      rule: ApiGatewayWithinLimits,
      level: 'error',
      info: 'API Gateway throttling or integration timeout is beyond the service quota',
      explanation: `stage throttling at most ${LIMITS.apiGatewayAccountRateLimit.value} requests/s and burst ${LIMITS.apiGatewayAccountBurstLimit.value} (account defaults, ${LIMITS.apiGatewayAccountRateLimit.source}), integration timeout 50-${LIMITS.apiGatewayIntegrationTimeoutMs.value} ms (${LIMITS.apiGatewayIntegrationTimeoutMs.source}); lower bridge.api throttling, or raise the account quota first and say so in a suppression.`,
    },
    {
      id: 'SL-OKTA1',
      rule: OktaResourceSetSize,
      level: 'error',
      info: 'The resource set holds more resources than Okta allows',
      explanation: `${cite(LIMITS.oktaResourcesPerResourceSet)}; split the scope over several sets bound to the same role (constructs/jml-service-app/role-scope.ts does), never widen it to a collection.`,
    },
    {
      id: 'SL-OKTA2',
      rule: OktaGroupRuleWithinLimits,
      level: 'error',
      info: "The group rule's name or its group assignments exceed Okta's limits",
      explanation: `names at most ${LIMITS.oktaGroupRuleNameChars.value} characters and at most ${LIMITS.oktaGroupsPerRule.value} groups per rule (${LIMITS.oktaGroupRuleNameChars.source}); shorten the key or identity.groupPrefix.`,
    },
    {
      id: 'SL-OKTA3',
      rule: oktaOrgCountWithinLimit('okta_group_rule', LIMITS.oktaGroupRulesPerOrg.value, orgCounts),
      level: 'error',
      info: 'The environment declares more group rules in the org than Okta allows',
      explanation: `${cite(LIMITS.oktaGroupRulesPerOrg)}, counted over every stack of the org; every department and role takes one rule, so declare fewer birthright departments and roles (server-access groups take none), or keep the rest of the org's rules in mind.`,
    },
    {
      id: 'SL-OKTA4',
      rule: oktaOrgCountWithinLimit('okta_resource_set', LIMITS.oktaResourceSetsPerOrg.value, orgCounts),
      level: 'error',
      info: 'The environment declares more resource sets in the org than Okta allows',
      explanation: `${cite(LIMITS.oktaResourceSetsPerOrg)}; each set holds up to 1,000 resources, so fewer, fuller sets stay within it.`,
    },
    {
      id: 'SL-OKTA5',
      rule: oktaOrgCountWithinLimit('okta_admin_role_custom', LIMITS.oktaCustomRolesPerOrg.value, orgCounts),
      level: 'error',
      info: 'The environment declares more custom admin roles in the org than Okta allows',
      explanation: `${cite(LIMITS.oktaCustomRolesPerOrg)}; bind one role to several resource sets instead of copying the role.`,
    },
    {
      id: 'SL-OKTA6',
      rule: oktaOrgCountWithinLimit('okta_event_hook', LIMITS.oktaEventHooksPerOrg.value, orgCounts),
      level: 'error',
      info: 'The environment declares more event hooks in the org than Okta allows',
      explanation: `${cite(LIMITS.oktaEventHooksPerOrg)}; one hook can subscribe to many event types.`,
    },
    {
      id: 'SL-OKTA7',
      rule: OktaAdminsPerRoleBinding,
      level: 'error',
      info: 'More admins hold the same role on the same resource set than Okta allows',
      explanation: `${cite(LIMITS.oktaAdminsPerRoleAndResourceSet)}; assign the role to a group of admins instead.`,
    },
    {
      id: 'SL-OKTA8',
      rule: OktaGroupRuleNotCascading,
      level: 'error',
      info: "The group rule's expression names a group that a group rule populates (a cascading rule)",
      explanation: `Okta's Group Rule restrictions (${LIMITS.oktaGroupRulesPerOrg.source}; docs/service-limits.md) say cascading rules cause performance issues and must be avoided; let one rule assign every group its condition decides, instead of conditioning a rule on another rule's group.`,
    },
  ];
}

/**
 * Documented service limits on every synth: what would fail at `terraform apply` or at run time fails here first,
 * naming the limit, where it is documented and the fix. Registered on every stack by BaseStack, beside least privilege.
 *
 * Okta applies some limits per org while the project spreads objects over several root modules (identity shards), so
 * the pack counts those over every stack of the app that manages the same org.
 */
export class ServiceLimitChecks extends GuardrailPack {
  private readonly inventory: OrgInventory;

  constructor(props: GuardrailPackProps = {}) {
    const inventory = new OrgInventory();
    super('ServiceLimits', serviceLimitRules(inventory.counts), props);
    this.inventory = inventory;
  }

  public override visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) this.inventory.index(node);
    super.visit(node);
  }
}
