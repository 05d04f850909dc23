/**
 * Resource types whose changes widen or narrow what someone (a person, a group, a machine identity) may do.
 * A plan review calls every change to them out in its own section, so a reviewer cannot miss one.
 */
const PRIVILEGE_TYPES = new Set([
  'okta_admin_role_custom',
  'okta_resource_set',
  'okta_app_oauth_role_assignment',
  'okta_group_role',
  'okta_user_admin_roles',
  'okta_app_oauth_api_scope',
  'okta_api_service_integration',
  'okta_app_oauth',
  'okta_app_group_assignment',
  'okta_event_hook',
  'okta_request_condition',
  'okta_request_setting_resource',
  'okta_request_setting_organization',
  'oktapam_security_policy_v2',
  'oktapam_security_policy',
  'oktapam_resource_group',
  'oktapam_password_settings',
  'oktapam_server_checkout_settings',
  'oktapam_saas_app_checkout_settings',
  'oktapam_okta_universal_directory_checkout_settings',
  // OPA AD accounts through magodo/restful (docs/opa-ad-accounts.md): account rules, their order, rule settings and
  // AD password rotation decide which accounts OPA manages and where they land.
  'restful_resource',
  'restful_operation',
  'aws_iam_policy_document',
  'aws_kms_key',
  'aws_sqs_queue_policy',
  'aws_lambda_permission',
  'aws_secretsmanager_secret_policy',
]);

/** What kind of privilege a type governs, for the call-out heading; undefined when it governs none. */
export function privilegeKind(type: string): string | undefined {
  if (type.startsWith('aws_iam_') || type === 'aws_iam_policy_document') return 'AWS IAM';
  if (!PRIVILEGE_TYPES.has(type)) return undefined;
  if (type.startsWith('oktapam_') || type.startsWith('restful_')) return 'Privileged Access';
  if (type.startsWith('okta_request_')) return 'Access requests';
  if (type.startsWith('aws_')) return 'AWS resource policy';
  if (['okta_app_oauth_api_scope', 'okta_api_service_integration'].includes(type)) return 'OAuth scopes';
  if (['okta_admin_role_custom', 'okta_resource_set', 'okta_app_oauth_role_assignment', 'okta_group_role', 'okta_user_admin_roles'].includes(type))
    return 'Okta admin roles';
  return 'Okta access';
}
