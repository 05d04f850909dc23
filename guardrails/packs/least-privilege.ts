import { GuardrailPack, type GuardrailPackProps, type RuleDefinition } from '../pack';
import { StateBackendEncryptedLocked } from '../rules/backend/StateBackendEncryptedLocked';
import { DynamoDbKmsEncryption } from '../rules/dynamodb/DynamoDbKmsEncryption';
import { DynamoDbPointInTimeRecovery } from '../rules/dynamodb/DynamoDbPointInTimeRecovery';
import { OigRequestConditionTimeBound } from '../rules/governance/OigRequestConditionTimeBound';
import { IamNoAdministratorPolicies, IamNoAwsManagedPolicies } from '../rules/iam/IamNoAwsManagedPolicies';
import { IamNoPublicPrincipal } from '../rules/iam/IamNoPublicPrincipal';
import { IamNoWildcardActions } from '../rules/iam/IamNoWildcardActions';
import { IamNoWildcardResources } from '../rules/iam/IamNoWildcardResources';
import { LambdaInvokeScoped } from '../rules/lambda/LambdaInvokeScoped';
import { LambdaLogGroupDeclared } from '../rules/logs/LambdaLogGroupDeclared';
import { LogRetentionSet } from '../rules/logs/LogRetentionSet';
import { OktaCustomRoleBoundToResourceSet } from '../rules/okta/OktaCustomRoleBoundToResourceSet';
import { OktaCustomRolePermissionsAllowListed } from '../rules/okta/OktaCustomRolePermissionsAllowListed';
import { OktaEventHookSecure } from '../rules/okta/OktaEventHookSecure';
import { OktaGrantsToManagedGroups } from '../rules/okta/OktaGrantsToManagedGroups';
import { OktaNoStandardAdminRole } from '../rules/okta/OktaNoStandardAdminRole';
import { OktaResourceSetScoped } from '../rules/okta/OktaResourceSetScoped';
import { OktaScopesAllowListed } from '../rules/okta/OktaScopesAllowListed';
import { OktaServiceAppPrivateKeyJwt } from '../rules/okta/OktaServiceAppPrivateKeyJwt';
import { MAX_CHECKOUT_SECONDS, PamCheckoutRequiredBounded } from '../rules/oktapam/PamCheckoutRequiredBounded';
import { MAX_ROTATION_SECONDS, PamPasswordRotationBounded } from '../rules/oktapam/PamPasswordRotationBounded';
import { PamAdAccountMatchingStrict } from '../rules/oktapam/PamAdAccountMatchingStrict';
import { PamAdAccountProjectGuarded } from '../rules/oktapam/PamAdAccountProjectGuarded';
import { PamAdAccountRotationOn } from '../rules/oktapam/PamAdAccountRotationOn';
import { PamAdPasswordRotationBounded } from '../rules/oktapam/PamAdPasswordRotationBounded';
import { PamPolicyMfa } from '../rules/oktapam/PamPolicyMfa';
import { PamPolicyPrincipalsRequestable } from '../rules/oktapam/PamPolicyPrincipalsRequestable';
import { PamPolicySessionRecording } from '../rules/oktapam/PamPolicySessionRecording';
import { NoSecretInClear } from '../rules/secrets/NoSecretInClear';
import { SecretOutputsSensitive } from '../rules/secrets/SecretOutputsSensitive';
import { SecretVersionFromSecretSource } from '../rules/secrets/SecretVersionFromSecretSource';
import { SensitiveVariableNoDefault } from '../rules/secrets/SensitiveVariableNoDefault';
import { ServiceNowAccessScoped } from '../rules/servicenow/ServiceNowAccessScoped';
import { SqsHasDeadLetterQueue } from '../rules/sqs/SqsHasDeadLetterQueue';
import { S3BucketKmsEncrypted } from '../rules/s3/S3BucketKmsEncrypted';
import { S3BucketNotPublic } from '../rules/s3/S3BucketNotPublic';
import { S3BucketObjectLockCompliance } from '../rules/s3/S3BucketObjectLockCompliance';
import { S3BucketTlsOnly } from '../rules/s3/S3BucketTlsOnly';
import { S3BucketVersioned } from '../rules/s3/S3BucketVersioned';

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
    info: 'The OAuth app is not a service app authenticating with private_key_jwt only',
    explanation: `declare machine identities only: type = "service", token_endpoint_auth_method = "private_key_jwt", grant_types = ["client_credentials"], no client secret, and the public JWKs; a shared secret (as any web app has) can leak and cannot be rotated safely.`,
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
    id: 'LP-OKTA8',
    rule: OktaGrantsToManagedGroups,
    level: 'error',
    info: 'An app assignment, group rule or membership grants to a group this stack does not manage',
    explanation: `grant only to okta_group resources declared in the stack (by reference); never a literal group id or a looked-up group such as Everyone.`,
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
    id: 'LP-PAM6',
    rule: PamAdAccountRotationOn,
    level: 'error',
    info: 'Managed AD accounts are not rotated when taken over and periodically',
    explanation: `set enable_initial_password_rotation = true on the AD account rule and declare the active_directory_password_settings of its project in the same stack with periodic rotation of ALL accounts (constructs/pam-ad-account-rule, pam-ad-password-settings).`,
  },
  {
    id: 'LP-PAM7',
    rule: PamAdPasswordRotationBounded,
    level: 'error',
    info: 'AD account passwords of a project do not rotate within a bounded period',
    explanation: `set enable_periodic_rotation = true, periodic_rotation_account_selector_mode = "ALL" and periodic_rotation_duration_in_seconds between 1 and ${MAX_ROTATION_SECONDS} (30 days), in the body and in the delete_body that destroy PUTs back.`,
  },
  {
    id: 'LP-PAM8',
    rule: PamAdAccountProjectGuarded,
    level: 'error',
    info: 'AD accounts land in a project whose policies do not require an access request, session recording and MFA',
    explanation: `point the AD account rule at a resource group whose oktapam_security_policy_v2 policies (same stack) are active and whose every rule has an access request (or requestable principals), a recording gateway and MFA; the rule order may rank only AD account rules of the stack.`,
  },
  {
    id: 'LP-PAM9',
    rule: PamAdAccountMatchingStrict,
    level: 'error',
    info: 'Individual AD accounts may be matched to their owners without an exact attribute',
    explanation: `configure the AD account rule settings with at least one exact matching_criteria attribute (username by default), in the body and in the delete_body that destroy POSTs back.`,
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
    id: 'LP-IAM4',
    rule: IamNoAdministratorPolicies,
    level: 'error',
    info: 'An AWS managed administrator policy is attached',
    explanation: `AdministratorAccess, PowerUserAccess and IAMFullAccess grant the whole account; write an aws_iam_policy_document with the actions and resources the function uses.`,
  },
  {
    id: 'LP-IAM5',
    rule: LambdaInvokeScoped,
    level: 'error',
    info: 'A Lambda function can be invoked by an unnamed principal',
    explanation: `give aws_lambda_permission a specific principal, with source_arn for a service principal (e.g. the API's execution_arn/*/POST/path); set authorization_type = "AWS_IAM" on function URLs.`,
  },
  {
    id: 'LP-IAM6',
    rule: IamNoPublicPrincipal,
    level: 'error',
    info: 'A trust or resource policy grants to every principal',
    explanation: `name the principals (a service such as lambda.amazonaws.com, an account or role ARN), or add a condition that narrows them (aws:SourceArn, aws:PrincipalOrgID); never "*" or NotPrincipal unconditionally.`,
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
    id: 'LP-BKT1',
    rule: S3BucketObjectLockCompliance,
    level: 'error',
    info: 'The S3 bucket does not lock its objects in compliance mode',
    explanation: `create the bucket with object_lock_enabled = true and an aws_s3_bucket_object_lock_configuration whose default_retention has mode = "COMPLIANCE" and days (constructs/locked-bucket does both); evidence must outlive anyone who wants it gone.`,
  },
  {
    id: 'LP-BKT2',
    rule: S3BucketKmsEncrypted,
    level: 'error',
    info: 'The S3 bucket does not encrypt with a named KMS key',
    explanation: `add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms" and kms_master_key_id = <customer-managed key>.`,
  },
  {
    id: 'LP-BKT3',
    rule: S3BucketVersioned,
    level: 'error',
    info: 'The S3 bucket is not versioned',
    explanation: `add an aws_s3_bucket_versioning with versioning_configuration { status = "Enabled" }.`,
  },
  {
    id: 'LP-BKT4',
    rule: S3BucketNotPublic,
    level: 'error',
    info: 'The S3 bucket could be made public',
    explanation: `add an aws_s3_bucket_public_access_block with all four blocks true and aws_s3_bucket_ownership_controls with object_ownership = "BucketOwnerEnforced".`,
  },
  {
    id: 'LP-BKT5',
    rule: S3BucketTlsOnly,
    level: 'error',
    info: 'The S3 bucket policy does not refuse requests without TLS',
    explanation: `attach a bucket policy that denies s3:* to "*" on the bucket and its objects when aws:SecureTransport is false, and allows nothing to "*".`,
  },
  {
    id: 'LP-LOG1',
    rule: LogRetentionSet,
    level: 'error',
    info: 'The log group keeps logs forever',
    explanation: `set retention_in_days to a positive number of days.`,
  },
  {
    id: 'LP-LOG2',
    rule: LambdaLogGroupDeclared,
    level: 'error',
    info: 'The Lambda function logs to a log group the stack does not declare',
    explanation: `declare an aws_cloudwatch_log_group with retention_in_days and point logging_config.log_group at it (or name it /aws/lambda/<function_name>); Lambda otherwise creates one that keeps logs forever.`,
  },
  {
    id: 'LP-SN1',
    rule: ServiceNowAccessScoped,
    level: 'error',
    info: 'ServiceNow access is not named and bounded',
    explanation: `give every servicenow_acl a role, keep elevated_privilege off on roles, keep password properties private to admin, and write generic servicenow_record entries only to the reviewed tables (user_criteria, sc_cat_item_user_criteria_mtom).`,
  },
  {
    id: 'LP-SEC1',
    rule: SecretOutputsSensitive,
    level: 'error',
    info: 'An output exposes a secret but is not sensitive',
    explanation: `set sensitive: true on the TerraformOutput; apply prints outputs and CI keeps the log.`,
  },
  {
    id: 'LP-SEC2',
    rule: SensitiveVariableNoDefault,
    level: 'error',
    info: 'A sensitive variable has a literal default',
    explanation: `remove the default and set the value at plan time (TF_VAR_<name> from the CI secret store); a default is the secret written in code.`,
  },
  {
    id: 'LP-SEC3',
    rule: NoSecretInClear,
    level: 'error',
    scansEveryElement: true,
    info: 'A secret value is written in clear',
    explanation: `take the value from a sensitive variable or a secret store (aws_secretsmanager_secret set out of band) and reference it; never put credentials in a URL, a tag, an environment variable or an attribute literal.`,
  },
  {
    id: 'LP-SEC4',
    rule: SecretVersionFromSecretSource,
    level: 'error',
    info: 'The secret version takes its value from code',
    explanation: `set the value out of band (aws secretsmanager put-secret-value) and declare only the aws_secretsmanager_secret, or reference a sensitive variable without default.`,
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
