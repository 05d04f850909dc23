/**
 * OPA objects as the API returns them (snake_case, field names from the pam-sdk-go models named in each comment).
 * Seeded objects may carry extra fields: read endpoints return whatever was seeded, so tests of other areas can add
 * the fields they read without touching the simulator.
 */

/** `NamedObject`: how OPA refers to another object. Only `id` is needed on input. */
export interface NamedObject {
  readonly id: string;
  readonly name?: string;
  readonly type?: string;
  readonly missing?: boolean;
}

/** OPA admin roles (`RoleName`); a service user holds them through group membership. */
export type OpaRole = 'pam_admin' | 'resource_admin' | 'delegated_resource_admin' | 'security_admin' | 'end_user';

/** A service user's API key (`key_id` / `key_secret`) and the roles its groups give it. */
export interface ServiceUserSeed {
  readonly name?: string;
  readonly keyId: string;
  readonly keySecret: string;
  /** @default ['resource_admin', 'security_admin'] */
  readonly roles?: readonly OpaRole[];
}

export type Json = Record<string, unknown>;

/** `ResourceGroup`. */
export interface ResourceGroup extends Json {
  id: string;
  name: string;
  description: string;
  delegated_resource_admin_groups: NamedObject[];
}

/** `ResourceGroupProject`. */
export interface Project extends Json {
  id: string;
  name: string;
  resource_group: string;
  team: string;
}

/** `SecurityPolicy` (v2 shape; `rules` as seeded). */
export interface SecurityPolicy extends Json {
  id: string;
  name: string;
  active: boolean;
  resource_group: NamedObject;
  principals: Json;
  rules: Json[];
}

/** `ActiveDirectoryConnection`; `status` is connected | disconnected | inactive. */
export interface AdConnection extends Json {
  id: string;
  domain: string;
  app_instance_id: string;
  status: 'connected' | 'disconnected' | 'inactive';
}

/** One `enhanced_filters` condition (`ActiveDirectoryAccountRuleEnhancedFilter`). */
export interface EnhancedFilter {
  readonly field: 'account_name' | 'okta_group_name';
  readonly operator: 'STARTS_WITH' | 'ENDS_WITH' | 'CONTAINS' | 'EQUALS';
  readonly value: string;
}

/** `ActiveDirectoryAccountRuleRequest` as stored. */
export interface AdAccountRuleFields {
  name: string;
  rule_type: 'SHARED' | 'INDIVIDUAL';
  organizational_units: string[];
  enhanced_filters?: EnhancedFilter[][];
  enable_initial_password_rotation: boolean;
  enable_import_okta_users: boolean;
  resource_group: NamedObject;
  project: NamedObject;
}

/** `ActiveDirectoryAccountRuleResponse`: the request fields plus `id` and `priority` (1 = first). */
export interface AdAccountRule extends AdAccountRuleFields, Json {
  id: string;
  priority: number;
}

/** `ActiveDirectoryAccountRuleSettings`. */
export interface RuleSettings extends Json {
  is_configured: boolean;
  matching_criteria: { username: boolean; first_and_last_name: boolean; display_name: boolean; email: boolean };
  partial_matching_criteria: { operator: 'STARTS WITH' | 'ENDS WITH'; match_value: string }[];
  allow_partial_matches: boolean;
}

/** `ActiveDirectoryPasswordPolicy` of a project. */
export interface AdPasswordSettings extends Json {
  enable_periodic_rotation: boolean;
  periodic_rotation_account_selector_mode?: 'ALL' | 'INCLUDE' | 'EXCLUDE';
  periodic_rotation_account_include_list?: { domain: string; account_sid: string; account_name?: string }[];
  periodic_rotation_account_exclude_list?: { domain: string; account_sid: string; account_name?: string }[];
  periodic_rotation_duration_in_seconds?: number;
  character_options: { upper_case?: boolean; lower_case?: boolean; digits?: boolean; punctuation?: boolean; exclude_certain_symbols?: string[] };
  min_length_in_bytes: number;
  max_length_in_bytes: number;
  modified_at?: string;
}

/** An account the Okta AD agent has imported, waiting for a rule to bring it under management. */
export interface DirectoryAccountSeed {
  readonly connectionId: string;
  readonly distinguishedName: string;
  readonly samAccountName: string;
  /** @default - generated */
  readonly sid?: string;
  readonly upn?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly displayName?: string;
  readonly email?: string;
  /** Okta groups the imported user belongs to (for `okta_group_name` filters). @default [] */
  readonly oktaGroups?: readonly string[];
}

/** `AccountStatusDetail` values. */
export type AccountStatus =
  | 'PENDING'
  | 'CREATION_FAILED'
  | 'STAGED'
  | 'ROTATING'
  | 'ROTATED'
  | 'ROTATION_FAILED'
  | 'VAULTED'
  | 'MISSING_PASSWORD'
  | 'UNMANAGED';

/** `ActiveDirectoryAccount` as OPA manages it after a rule matched it. */
export interface ManagedAccount extends Json {
  id: string;
  account_name: string;
  account_type: 'SHARED' | 'INDIVIDUAL';
  account_status_detail: AccountStatus;
  match_status: string;
  distinguished_name: string;
  sam_account_name: string;
  sid: string;
  upn?: string;
  domain: NamedObject;
  resource_group: NamedObject;
  project: NamedObject;
  brought_under_management_at: string;
  last_rotation_at?: string;
}
