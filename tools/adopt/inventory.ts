/** What adoption read from the three APIs, in the shapes the fitting step needs (ids kept for the imports). */

export interface OktaGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly type: string;
}

export interface OktaGroupRule {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly expression: string;
  readonly groupIds: readonly string[];
}

export interface OktaApp {
  readonly id: string;
  readonly label: string;
  readonly status: string;
}

/** The JML service app found by label, with what its import needs. */
export interface OktaServiceApp {
  readonly id: string;
  readonly label: string;
  readonly clientId: string;
  readonly applicationType: string;
  readonly grantTypes: readonly string[];
  readonly tokenEndpointAuthMethod: string;
  readonly jwks: readonly Record<string, unknown>[];
  readonly grantedScopes: readonly string[];
  readonly roleAssignments: readonly { readonly id: string; readonly role: string; readonly resourceSet: string }[];
}

export interface OktaCustomRole {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly permissions: readonly string[];
}

export interface OktaResourceSet {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

export interface OktaEventHook {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly url: string;
  readonly events: readonly string[];
}

export interface RequestCondition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly priority: number;
  readonly status: string;
  readonly approvalSequenceId: string;
  readonly accessScopeGroupIds: readonly string[];
  /** Undefined when anyone may request (`EVERYONE`). */
  readonly requesterGroupIds?: readonly string[];
  readonly accessDuration: string;
  readonly durationType: string;
}

export interface OktaInventory {
  readonly groups: readonly OktaGroup[];
  readonly rules: readonly OktaGroupRule[];
  /** The Okta Privileged Access app, when exactly one active app has the label. */
  readonly privilegedAccessApp?: OktaApp;
  readonly privilegedAccessGroupIds: readonly string[];
  readonly serviceApp?: OktaServiceApp;
  readonly roles: readonly OktaCustomRole[];
  readonly resourceSets: readonly OktaResourceSet[];
  readonly eventHooks: readonly OktaEventHook[];
  readonly conditions: readonly RequestCondition[];
  readonly sequences: readonly { readonly id: string; readonly name: string }[];
  readonly requestOnBehalfOf?: boolean;
}

/** A ServiceNow row as the Table API returns it with `sysparm_exclude_reference_link=true`. */
export type SnRow = Readonly<Record<string, string>>;

export interface ServiceNowInventory {
  /** Rows by table, only the rows adoption asked for. */
  readonly tables: Readonly<Record<string, readonly SnRow[]>>;
}

export interface OpaObject {
  readonly id: string;
  readonly name: string;
}

/** An OPA project with its server-account password settings, when it has any (`…/server_password_settings`). */
export interface OpaProject extends OpaObject {
  readonly passwordSettings?: Readonly<Record<string, unknown>>;
}

export interface OpaInventory {
  readonly resourceGroups: readonly (OpaObject & { readonly projects: readonly OpaProject[] })[];
  readonly policies: readonly OpaObject[];
}

export interface OrgInventory {
  readonly okta: OktaInventory;
  readonly servicenow?: ServiceNowInventory;
  readonly opa?: OpaInventory;
}
