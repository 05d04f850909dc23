/**
 * Attributes whose change makes Terraform destroy and re-create the resource (ForceNew / RequiresReplace).
 *
 * This is a heuristic table for the project's main resource types, from the providers' schemas and docs
 * (the provider schema snapshots in schemas/ for oktapam and OIG); Terraform's plan is the authority.
 * Changes to attributes not listed here are reported as in-place updates.
 */
export const FORCE_NEW_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  okta_app_oauth: ['type'],
  okta_app_oauth_api_scope: ['app_id', 'issuer'],
  okta_app_oauth_role_assignment: ['client_id', 'type', 'role', 'resource_set'],
  okta_app_group_assignment: ['app_id', 'group_id'],
  okta_group_role: ['group_id', 'role_type'],
  okta_request_condition: ['resource_id'],
  oktapam_security_policy_v2: ['resource_group'],
  oktapam_password_settings: ['project', 'resource_group'],
  oktapam_server_checkout_settings: ['project', 'resource_group'],
  oktapam_saas_app_checkout_settings: ['project', 'resource_group'],
  oktapam_okta_universal_directory_checkout_settings: ['project', 'resource_group'],
  // restful 0.25.2: `path` and `use_sensitive_output` are RequiresReplace (docs/opa-ad-accounts.md).
  restful_resource: ['path', 'use_sensitive_output'],
  aws_dynamodb_table: ['name', 'hash_key', 'range_key'],
  aws_sqs_queue: ['name', 'name_prefix', 'fifo_queue'],
  aws_cloudwatch_log_group: ['name', 'name_prefix'],
  aws_iam_role: ['name', 'name_prefix', 'path'],
  aws_iam_policy: ['name', 'name_prefix', 'path', 'description'],
  aws_iam_role_policy: ['name', 'role'],
  aws_iam_role_policy_attachment: ['role', 'policy_arn'],
  aws_lambda_function: ['function_name'],
  aws_secretsmanager_secret: ['name', 'name_prefix'],
  aws_kms_alias: ['name'],
  aws_apigatewayv2_api: ['protocol_type'],
};

/** The changed paths of `type` that force a replacement (a path matches when its first segment is listed). */
export function replacementCauses(type: string, changedPaths: readonly string[]): string[] {
  const attributes = FORCE_NEW_ATTRIBUTES[type] ?? [];
  return changedPaths.filter((p) => attributes.includes(p.split(/[.[]/)[0]));
}
