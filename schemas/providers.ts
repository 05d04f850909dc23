/**
 * The one list of locally generated provider bindings: which provider, which pinned version, which resource and
 * data-source types the project keeps from its schema, and which attributes carry secrets.
 *
 * Both the binding generator (`scripts/bindings/generate.ts`, which refuses a snapshot that does not match this
 * list) and the snapshot refresh (`scripts/bindings/refresh-schemas.sh` -> `trim-cli.ts`) read it, so a snapshot can
 * never drift from what the stacks import. It is plain data beside the snapshots it describes, so the infrastructure
 * (`constructs/provider-secrets`) reads it without loading the scripts (docs/boundaries.md). To use a new type: add it here, run the refresh (or re-trim the reference snapshot), commit
 * `schemas/`, and `npm install` regenerates `.gen/`.
 */

/** One attribute that carries a secret, as `<block>.<attribute>` (block `provider` is the provider config block). */
export interface SensitiveAttribute {
  /** `provider`, a resource type, `data.<type>` for a data source or `ephemeral.<type>` for an ephemeral resource. */
  readonly block: string;
  readonly attribute: string;
  /** Why it is a secret; the provider does not mark it sensitive itself. */
  readonly reason: string;
}

export interface GeneratedProvider {
  /** Folder under `.gen/providers/` and the key of this entry. */
  readonly key: string;
  /** Registry source as written in `required_providers`. */
  readonly source: string;
  /** Exact version, written verbatim as the `required_providers` constraint (an exact pin). */
  readonly version: string;
  /** Terraform's fully qualified provider name, the key inside `provider_schemas`. */
  readonly fqpn: string;
  /** Snapshot file under `schemas/`. */
  readonly snapshot: string;
  readonly resources: readonly string[];
  readonly dataSources: readonly string[];
  /**
   * Ephemeral resource types kept in the snapshot (`ephemeral_resource_schemas`). cdktf 0.21 generates no classes
   * for them; the snapshot keeps them so an offline provider serving it validates `ephemeral` blocks.
   * @default - none
   */
  readonly ephemeralResources?: readonly string[];
  readonly sensitive: readonly SensitiveAttribute[];
}

const TOKEN_REASON = 'one-time enrollment / setup secret that lets a server or gateway join the team';

export const GENERATED_PROVIDERS: readonly GeneratedProvider[] = [
  {
    // The okta/okta snapshot holds only the governance (OIG) types: okta_app / okta_group are not in it, so the
    // governance stack takes the app and the groups from the identity stack by cross-stack reference.
    key: 'okta-oig',
    source: 'okta/okta',
    version: '6.12.0',
    fqpn: 'registry.terraform.io/okta/okta',
    snapshot: 'okta-6.12.0-oig.schema.json',
    resources: ['okta_request_condition', 'okta_request_sequence', 'okta_request_setting_organization', 'okta_request_setting_resource'],
    dataSources: [
      'okta_catalog_entry_default',
      'okta_request_condition',
      'okta_request_sequence',
      'okta_request_setting_organization',
      'okta_request_setting_resource',
    ],
    sensitive: [
      { block: 'provider', attribute: 'api_token', reason: 'SSWS API token of an Okta admin' },
      { block: 'provider', attribute: 'access_token', reason: 'OAuth bearer token for the Okta API' },
      { block: 'provider', attribute: 'private_key', reason: 'private key of the service app (private_key_jwt)' },
    ],
  },
  {
    key: 'oktapam',
    source: 'okta/oktapam',
    version: '0.7.1',
    fqpn: 'registry.terraform.io/okta/oktapam',
    snapshot: 'oktapam-0.7.1.schema.json',
    resources: [
      'oktapam_ad_connection',
      'oktapam_ad_task_settings',
      'oktapam_ad_user_sync_task_settings',
      'oktapam_gateway_setup_token',
      'oktapam_group',
      'oktapam_password_settings',
      'oktapam_project',
      'oktapam_project_group',
      'oktapam_resource_group',
      'oktapam_resource_group_project',
      'oktapam_resource_group_server_enrollment_token',
      'oktapam_security_policy',
      'oktapam_security_policy_v2',
      'oktapam_server_checkout_settings',
      'oktapam_server_enrollment_token',
      'oktapam_sudo_command_bundle',
      'oktapam_team_settings',
    ],
    dataSources: [
      'oktapam_ad_connections',
      'oktapam_current_user',
      'oktapam_gateway_setup_token',
      'oktapam_gateways',
      'oktapam_group',
      'oktapam_groups',
      'oktapam_password_settings',
      'oktapam_project',
      'oktapam_project_group',
      'oktapam_resource_group',
      'oktapam_resource_group_project',
      'oktapam_resource_group_projects',
      'oktapam_resource_groups',
      'oktapam_security_policy',
      'oktapam_team_settings',
    ],
    sensitive: [
      { block: 'provider', attribute: 'oktapam_key', reason: 'OPA service-user API key' },
      { block: 'provider', attribute: 'oktapam_secret', reason: 'OPA service-user API secret' },
      { block: 'oktapam_ad_connection', attribute: 'service_account_password', reason: 'AD service account password' },
      { block: 'oktapam_gateway_setup_token', attribute: 'token', reason: TOKEN_REASON },
      { block: 'oktapam_resource_group_server_enrollment_token', attribute: 'token', reason: TOKEN_REASON },
      { block: 'oktapam_server_enrollment_token', attribute: 'token', reason: TOKEN_REASON },
      { block: 'data.oktapam_gateway_setup_token', attribute: 'token', reason: TOKEN_REASON },
    ],
  },
  {
    key: 'servicenow',
    source: 'tylerhatton/servicenow',
    version: '0.11.0',
    fqpn: 'registry.terraform.io/tylerhatton/servicenow',
    snapshot: 'servicenow-0.11.0.schema.json',
    resources: [
      'servicenow_acl',
      'servicenow_application',
      'servicenow_basic_auth_credential',
      'servicenow_business_rule',
      'servicenow_client_script',
      'servicenow_flow',
      'servicenow_oauth_entity',
      'servicenow_question_choice',
      'servicenow_record',
      'servicenow_rest_message',
      'servicenow_rest_message_header',
      'servicenow_rest_method',
      'servicenow_rest_method_header',
      'servicenow_role',
      'servicenow_script_include',
      'servicenow_service_catalog',
      'servicenow_service_catalog_category',
      'servicenow_service_catalog_item',
      'servicenow_service_catalog_variable',
      'servicenow_system_property',
      'servicenow_ui_policy',
      'servicenow_ui_policy_action',
    ],
    dataSources: [
      'servicenow_application',
      'servicenow_basic_auth_credential',
      'servicenow_oauth_entity',
      'servicenow_record',
      'servicenow_rest_message',
      'servicenow_role',
      'servicenow_script_include',
      'servicenow_service_catalog',
      'servicenow_service_catalog_category',
      'servicenow_service_catalog_item',
      'servicenow_system_property',
    ],
    sensitive: [],
  },
  {
    // Generic REST provider for the OPA AD-account APIs the oktapam provider lacks (docs/opa-ad-accounts.md says
    // why restful and not Mastercard/restapi). The ephemeral restful_resource exchanges the OPA key for a token.
    key: 'restful',
    source: 'magodo/restful',
    version: '0.25.2',
    fqpn: 'registry.terraform.io/magodo/restful',
    snapshot: 'restful-0.25.2.schema.json',
    resources: ['restful_operation', 'restful_resource'],
    dataSources: ['restful_resource'],
    ephemeralResources: ['restful_resource'],
    sensitive: [],
  },
];

/** The entry for `key`; throws naming the known keys when there is none. */
export function generatedProvider(key: string): GeneratedProvider {
  const found = GENERATED_PROVIDERS.find((provider) => provider.key === key);
  if (!found) {
    const known = GENERATED_PROVIDERS.map((provider) => provider.key).join(', ');
    throw new Error(`no generated provider "${key}": use one of ${known} (schemas/providers.ts)`);
  }
  return found;
}
