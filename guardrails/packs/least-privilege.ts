import { GuardrailPack, type GuardrailPackProps, type RuleDefinition } from '../pack';
import { StateBackendEncryptedLocked } from '../rules/backend/StateBackendEncryptedLocked';
import { DynamoDbKmsEncryption } from '../rules/dynamodb/DynamoDbKmsEncryption';
import { DynamoDbPointInTimeRecovery } from '../rules/dynamodb/DynamoDbPointInTimeRecovery';
import { OigRequestConditionTimeBound } from '../rules/governance/OigRequestConditionTimeBound';
import { IamNoAwsManagedPolicies } from '../rules/iam/IamNoAwsManagedPolicies';
import { IamNoWildcardActions } from '../rules/iam/IamNoWildcardActions';
import { IamNoWildcardResources } from '../rules/iam/IamNoWildcardResources';
import { LogRetentionSet } from '../rules/logs/LogRetentionSet';
import { OktaCustomRoleBoundToResourceSet } from '../rules/okta/OktaCustomRoleBoundToResourceSet';
import { OktaCustomRolePermissionsAllowListed } from '../rules/okta/OktaCustomRolePermissionsAllowListed';
import { OktaEventHookSecure } from '../rules/okta/OktaEventHookSecure';
import { OktaNoStandardAdminRole } from '../rules/okta/OktaNoStandardAdminRole';
import { OktaResourceSetScoped } from '../rules/okta/OktaResourceSetScoped';
import { OktaScopesAllowListed } from '../rules/okta/OktaScopesAllowListed';
import { OktaServiceAppPrivateKeyJwt } from '../rules/okta/OktaServiceAppPrivateKeyJwt';
import { MAX_CHECKOUT_SECONDS, PamCheckoutRequiredBounded } from '../rules/oktapam/PamCheckoutRequiredBounded';
import { MAX_ROTATION_SECONDS, PamPasswordRotationBounded } from '../rules/oktapam/PamPasswordRotationBounded';
import { PamPolicyMfa } from '../rules/oktapam/PamPolicyMfa';
import { PamPolicyPrincipalsRequestable } from '../rules/oktapam/PamPolicyPrincipalsRequestable';
import { PamPolicySessionRecording } from '../rules/oktapam/PamPolicySessionRecording';
import { SqsHasDeadLetterQueue } from '../rules/sqs/SqsHasDeadLetterQueue';

/** Every rule of the least-privilege pack; guardrails/RULES.md documents the same table. */
export const LEAST_PRIVILEGE_RULES: readonly RuleDefinition[] = [
  {
    id: 'LP-OKTA1',
    rule: OktaNoStandardAdminRole,
    level: 'error',
    info: 'A standard Okta admin role is assigned',
    explanation: `standard roles (SUPER_ADMIN, ORG_ADMIN, ...) apply to the whole org. Assign a CUSTOM role with the permissions needed, bound to a resource set.`,
  },
  {
    id: 'LP-OKTA2',
    rule: OktaServiceAppPrivateKeyJwt,
    level: 'error',
    info: 'The OAuth service app does not authenticate with private_key_jwt only',
    explanation: `set token_endpoint_auth_method = "private_key_jwt", grant_types = ["client_credentials"], omit any client secret and publish the public JWKs; a shared secret can leak and cannot be rotated safely.`,
  },
  {
    id: 'LP-OKTA3',
    rule: OktaScopesAllowListed,
    level: 'error',
    info: 'An OAuth scope outside the allow-lists is granted',
    explanation: `grant only the scopes listed in constructs/jml-service-app/permissions.ts for the app's purpose; widening the list there is a reviewed change.`,
  },
  {
    id: 'LP-OKTA4',
    rule: OktaCustomRolePermissionsAllowListed,
    level: 'error',
    info: 'The custom admin role holds a permission outside the lifecycle allow-list',
    explanation: `keep permissions to JML_ROLE_PERMISSIONS in constructs/jml-service-app/permissions.ts.`,
  },
  {
    id: 'LP-OKTA5',
    rule: OktaCustomRoleBoundToResourceSet,
    level: 'error',
    info: 'The custom role assignment is not bound to a custom role and a resource set',
    explanation: `set both the role and the resource set on the assignment, so the role applies only to the objects in the set.`,
  },
  {
    id: 'LP-OKTA6',
    rule: OktaResourceSetScoped,
    level: 'error',
    info: 'The resource set holds a whole collection of the org',
    explanation: `list specific groups (…/api/v1/groups/<id> and …/groups/<id>/users) or apps, never …/api/v1/users or …/api/v1/groups.`,
  },
  {
    id: 'LP-OKTA7',
    rule: OktaEventHookSecure,
    level: 'error',
    info: 'The event hook is not delivered over https with a header secret from a sensitive input',
    explanation: `use an https:// URI and auth { type = "HEADER", value = var.<sensitive variable> } (or a secret-store data source); never a literal.`,
  },
  {
    id: 'LP-PAM1',
    rule: PamPolicyPrincipalsRequestable,
    level: 'error',
    info: 'A security-policy rule grants server access to groups that are not requestable and time-bound',
    explanation: `grant server access only to server-access groups that a governance request condition offers (governance.conditions[].accessScope), or add an access_request condition to the rule.`,
  },
  {
    id: 'LP-PAM2',
    rule: PamPolicySessionRecording,
    level: 'error',
    info: 'A security-policy rule grants server access without session recording',
    explanation: `add conditions = [{ gateway = { session_recording = true, traffic_forwarding = true } }] to the rule.`,
  },
  {
    id: 'LP-PAM3',
    rule: PamPolicyMfa,
    level: 'error',
    info: 'A security-policy rule grants server access without MFA',
    explanation: `add conditions = [{ mfa = { re_auth_frequency_in_seconds = ... } }] to the rule.`,
  },
  {
    id: 'LP-PAM4',
    rule: PamPasswordRotationBounded,
    level: 'error',
    info: 'Managed account passwords are not rotated within a bounded period',
    explanation: `set enable_periodic_rotation = true and periodic_rotation_duration_in_seconds between 1 and ${MAX_ROTATION_SECONDS} (30 days).`,
  },
  {
    id: 'LP-PAM5',
    rule: PamCheckoutRequiredBounded,
    level: 'error',
    info: 'Shared accounts can be used without a bounded checkout',
    explanation: `set checkout_required = true and checkout_duration_in_seconds at most ${MAX_CHECKOUT_SECONDS} (8 hours).`,
  },
  {
    id: 'LP-OIG1',
    rule: OigRequestConditionTimeBound,
    level: 'error',
    info: 'The access-request condition is not time-bound with an approval sequence',
    explanation: `set access_duration_settings { duration = "PT8H" (ISO 8601, at most P90D) } and approval_sequence_id (looked up by name).`,
  },
  {
    id: 'LP-IAM1',
    rule: IamNoWildcardActions,
    level: 'error',
    info: 'An IAM allow statement grants wildcard actions',
    explanation: `list each action the code calls (e.g. sqs:SendMessage), never "*" or "service:*" or NotAction.`,
  },
  {
    id: 'LP-IAM2',
    rule: IamNoWildcardResources,
    level: 'error',
    info: 'An IAM allow statement applies to wildcard resources',
    explanation: `name the resources by reference (e.g. the queue's arn), never "*" or "table/*" or NotResource.`,
  },
  {
    id: 'LP-IAM3',
    rule: IamNoAwsManagedPolicies,
    level: 'warning',
    info: 'An AWS managed policy is attached',
    explanation: `write an aws_iam_policy_document with the actions and resources the function uses; managed policies grant on "*".`,
  },
  {
    id: 'LP-DDB1',
    rule: DynamoDbPointInTimeRecovery,
    level: 'error',
    info: 'The DynamoDB table has no point-in-time recovery',
    explanation: `set point_in_time_recovery { enabled = true }.`,
  },
  {
    id: 'LP-DDB2',
    rule: DynamoDbKmsEncryption,
    level: 'error',
    info: 'The DynamoDB table is not encrypted with a KMS key',
    explanation: `set server_side_encryption { enabled = true } (with kms_key_arn for a customer-managed key).`,
  },
  {
    id: 'LP-SQS1',
    rule: SqsHasDeadLetterQueue,
    level: 'error',
    info: 'The SQS queue has no dead-letter queue and is not one',
    explanation: `set redrive_policy = jsonencode({ deadLetterTargetArn = <dlq>.arn, maxReceiveCount = N }).`,
  },
  {
    id: 'LP-LOG1',
    rule: LogRetentionSet,
    level: 'error',
    info: 'The log group keeps logs forever',
    explanation: `set retention_in_days to a positive number of days.`,
  },
  {
    id: 'LP-TF1',
    rule: StateBackendEncryptedLocked,
    level: 'error',
    info: 'The S3 state backend is not encrypted and locked',
    explanation: `set encrypt = true and either dynamodb_table or use_lockfile = true (stacks/base-stack.ts does both).`,
  },
];

/**
 * Least privilege on every synth: Okta roles, scopes and resource sets, OPA policies, OIG request conditions,
 * AWS IAM, data protection and state. Registered on every stack by BaseStack.
 */
export class LeastPrivilegeChecks extends GuardrailPack {
  constructor(props: GuardrailPackProps = {}) {
    super('LeastPrivilege', LEAST_PRIVILEGE_RULES, props);
  }
}
