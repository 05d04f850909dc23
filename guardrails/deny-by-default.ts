import type { GuardrailSubject } from './rule';

/**
 * Deny by default: every element that can grant access must be judged by some rule, or the synth fails.
 *
 * An element is judged when at least one rule of the packs that run on its stack returns anything but
 * `NOT_APPLICABLE` for it. So a new rule covers the types it judges by itself (no list to edit), and a new type
 * (a provider upgrade, a new provider, `restful_resource`) is an error until a rule judges it.
 * guardrails/RULES.md lists the same patterns and reviewed types.
 */

/** Providers whose resources the project uses; a resource of any other provider can do anything, so it is access-capable. */
export const KNOWN_PROVIDERS: readonly string[] = ['aws', 'okta', 'oktapam', 'servicenow', 'terraform', 'null', 'random', 'time', 'archive', 'local', 'tls'];

/**
 * Resource types (patterns: `*` = any characters) that can grant access: identities, roles, memberships, policies,
 * permissions, secrets, public endpoints, and everything of the identity providers this project manages.
 */
export const ACCESS_RESOURCE_PATTERNS: readonly string[] = [
  'okta_*',
  'oktapam_*',
  'servicenow_*',
  'restful_*',
  'aws_iam_*',
  'aws_*_policy',
  'aws_*_policy_attachment',
  'aws_*_permission',
  'aws_kms_*',
  'aws_secretsmanager_*',
  'aws_ssm_parameter',
  'aws_s3_bucket*',
  'aws_lambda_function_url',
  'aws_ssoadmin_*',
  'aws_identitystore_*',
  'aws_organizations_*',
  'aws_ram_*',
  'aws_cognito_*',
];

/** Data source types that can grant access: policy documents are what IAM policies are made of. */
export const ACCESS_DATA_PATTERNS: readonly string[] = ['aws_iam_policy_document'];

/**
 * Types reviewed to grant nothing by themselves, with why: what they enable is judged on another element. Each entry
 * may name attributes that would make it grant something; with one of those set, the element is not covered.
 */
export const REVIEWED_TYPES: Readonly<Record<string, { readonly why: string; readonly unless?: readonly string[] }>> = {
  okta_group: { why: 'a group grants nothing; its roles (LP-OKTA1/5), app assignments and rules (LP-OKTA8) are judged' },
  okta_request_sequence: { why: 'an approval sequence; the conditions that use it are judged (LP-OIG1)' },
  okta_request_setting_resource: { why: 'makes a resource requestable; what a request grants is judged on its condition (LP-OIG1)' },
  oktapam_resource_group: { why: 'a container of projects; access to it is granted by security policies (LP-PAM1-3)' },
  oktapam_resource_group_project: { why: 'a container of servers; access is granted by security policies (LP-PAM1-3)' },
  oktapam_resource_group_server_enrollment_token: { why: 'enrolls servers; the token is a secret output (LP-SEC1)' },
  oktapam_gateway_setup_token: { why: 'registers a gateway; the token is a secret output (LP-SEC1)' },
  oktapam_ad_connection: { why: 'AD discovery connection; its password comes from a sensitive variable (LP-SEC2)' },
  oktapam_ad_task_settings: { why: 'AD account discovery schedule; accounts are checked out under LP-PAM5' },
  oktapam_ad_user_sync_task_settings: { why: 'AD user sync schedule; grants nothing' },
  aws_kms_alias: { why: 'a name for a key; the key policy is judged on aws_kms_key' },
  aws_kms_key: { why: 'the default key policy grants the account only', unless: ['policy'] },
  aws_secretsmanager_secret: { why: 'a secret without a resource policy is readable only through IAM policies (LP-IAM1/2)', unless: ['policy'] },
  aws_sqs_queue_redrive_allow_policy: { why: 'names which queues may use a queue as dead-letter queue; grants no principal' },
  servicenow_business_rule: { why: "server-side script of the catalog item; runs with the requester's roles" },
  servicenow_question_choice: { why: 'a choice of a catalog variable; grants nothing' },
  servicenow_rest_message: {
    why: 'outbound call to the bridge; authenticated by a signature from a private system property',
    unless: ['basic_auth_profile', 'oauth2_profile'],
  },
  servicenow_rest_method: { why: 'a method of the outbound REST message', unless: ['basic_auth_profile', 'oauth2_profile'] },
  servicenow_rest_method_header: { why: 'a header of the outbound REST message; literal secrets are found by LP-SEC3' },
  servicenow_script_include: { why: 'the script that signs outbound requests; grants nothing' },
  servicenow_service_catalog_category: { why: 'groups catalog items; grants nothing' },
  servicenow_service_catalog_item: { why: 'who may order it is decided by its ACLs (LP-SN1)' },
  servicenow_service_catalog_variable: { why: 'a question of the catalog item; grants nothing' },
};

function matcher(patterns: readonly string[]): RegExp {
  const alternatives = patterns.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'));
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

const ACCESS_RESOURCE = matcher(ACCESS_RESOURCE_PATTERNS);
const ACCESS_DATA = matcher(ACCESS_DATA_PATTERNS);

/** True for an element that can grant access, so must be judged: see the lists above. Modules can hold anything. */
export function canGrantAccess(subject: GuardrailSubject): boolean {
  if (subject.kind === 'module') return true;
  if (subject.kind !== 'resource' && subject.kind !== 'data') return false;
  // A data source reads; only the policy documents IAM policies are made of can grant anything.
  if (subject.kind === 'data') return ACCESS_DATA.test(subject.type);
  return !KNOWN_PROVIDERS.includes(subject.type.split('_')[0]) || ACCESS_RESOURCE.test(subject.type);
}

/** True when the element's type is reviewed to grant nothing by itself and none of its disqualifying attributes is set. */
export function isReviewedInert(subject: GuardrailSubject): boolean {
  if (subject.kind !== 'resource') return false;
  const reviewed = REVIEWED_TYPES[subject.type];
  return reviewed !== undefined && !(reviewed.unless ?? []).some((attribute) => subject.attributes[attribute] !== undefined);
}
