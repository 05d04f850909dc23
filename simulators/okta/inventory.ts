import { hex24, oktaId } from './ids';

/**
 * The parts of an org that an adoption reads but the bridge never touches: group rules the simulator does not
 * evaluate, OAuth app details and scope grants, app group assignments, custom admin roles and resource sets, event
 * hooks and Identity Governance request conditions and settings. Seeded through `options.inventory`, listed by the
 * routes in `inventory-routes.ts`; nothing here changes after start.
 */
export interface InventorySeed {
  /**
   * Group rules of any expression (`isMemberOfGroup(...)`, `String.startsWith`, `OR`, ...), listed by
   * `GET /api/v1/groups/rules` but never evaluated: the simulator evaluates only `options.groupRules`.
   */
  readonly inertGroupRules?: readonly InertGroupRuleSeed[];
  /** OAuth 2.0 apps (service apps) with their client settings, public keys and granted scopes. */
  readonly oauthApps?: readonly OAuthAppSeed[];
  /** App id -> names (or ids) of the groups assigned to the app. */
  readonly appGroupAssignments?: Readonly<Record<string, readonly string[]>>;
  readonly customRoles?: readonly CustomRoleSeed[];
  readonly resourceSets?: readonly ResourceSetSeed[];
  /** OAuth client id -> admin role assignments of that client. */
  readonly clientRoleAssignments?: Readonly<Record<string, readonly ClientRoleAssignmentSeed[]>>;
  /** Event hooks that exist in the org (listed only; registered hooks that deliver are `options.eventHooks`). */
  readonly eventHooks?: readonly EventHookSeed[];
  /** Resource (app) id -> its access request conditions, highest priority first. */
  readonly requestConditions?: Readonly<Record<string, readonly RequestConditionSeed[]>>;
  /** Resource (app) id -> its Access Requests settings. */
  readonly requestSettings?: Readonly<Record<string, { readonly requestOnBehalfOf: boolean }>>;
}

export interface InertGroupRuleSeed {
  readonly id?: string;
  readonly name: string;
  readonly expression: string;
  /** Names or ids of the groups the rule assigns. */
  readonly groupNames: readonly string[];
  /** @default 'ACTIVE' */
  readonly status?: 'ACTIVE' | 'INACTIVE';
}

export interface OAuthAppSeed {
  readonly id?: string;
  readonly label: string;
  /** @default - the app id */
  readonly clientId?: string;
  /** @default 'service' */
  readonly applicationType?: string;
  /** @default ['client_credentials'] */
  readonly grantTypes?: readonly string[];
  /** @default 'private_key_jwt' */
  readonly tokenEndpointAuthMethod?: string;
  /** Public JWKs of `private_key_jwt`. @default [] */
  readonly jwks?: readonly Record<string, string>[];
  /** Granted Okta API scopes (the app's Okta API Scopes tab). @default [] */
  readonly grantedScopes?: readonly string[];
}

export interface CustomRoleSeed {
  readonly id?: string;
  readonly label: string;
  readonly description?: string;
  readonly permissions: readonly string[];
}

export interface ResourceSetSeed {
  readonly id?: string;
  readonly label: string;
  readonly description?: string;
  /** Resource URLs, e.g. `https://<org>/api/v1/groups/<gid>`. */
  readonly resources: readonly string[];
}

export interface ClientRoleAssignmentSeed {
  readonly id?: string;
  /** Custom role id. */
  readonly role: string;
  /** Resource set id. */
  readonly resourceSet: string;
}

export interface EventHookSeed {
  readonly id?: string;
  readonly name: string;
  readonly url: string;
  readonly events: readonly string[];
  /** @default 'ACTIVE' */
  readonly status?: 'ACTIVE' | 'INACTIVE';
  /** Name of the auth header (its value is never returned by Okta). @default 'Authorization' */
  readonly authHeaderKey?: string;
}

export interface RequestConditionSeed {
  readonly id?: string;
  readonly name: string;
  readonly description?: string;
  /** @default 'ACTIVE' */
  readonly status?: 'ACTIVE' | 'INACTIVE';
  readonly approvalSequenceId: string;
  /** Group ids (or names) the condition grants. */
  readonly accessScopeGroups: readonly string[];
  /** Group ids (or names) whose members may request; empty means everyone (`EVERYONE`). */
  readonly requesterGroups: readonly string[];
  readonly accessDuration: string;
  /** @default 'REQUESTER_SPECIFIED_DURATION' */
  readonly durationType?: 'REQUESTER_SPECIFIED_DURATION' | 'ADMIN_FIXED_DURATION';
}

/** Seeds with ids filled in and group names resolved to ids. */
export class OrgInventory {
  readonly inertRules: Required<Omit<InertGroupRuleSeed, 'groupNames'>>[] = [];
  readonly inertRuleGroups = new Map<string, string[]>();
  readonly oauthApps = new Map<string, Required<OAuthAppSeed>>();
  readonly appGroups = new Map<string, string[]>();
  readonly roles: Required<CustomRoleSeed>[] = [];
  readonly resourceSets: Required<ResourceSetSeed>[] = [];
  readonly clientRoles = new Map<string, Required<ClientRoleAssignmentSeed>[]>();
  readonly eventHooks: Required<EventHookSeed>[] = [];
  readonly conditions = new Map<string, (Required<RequestConditionSeed> & { priority: number })[]>();
  readonly requestSettings = new Map<string, { requestOnBehalfOf: boolean }>();

  /** Fills ids and resolves group names with `groupId` (which throws for an unknown group). */
  seed(seed: InventorySeed, groupId: (nameOrId: string) => string): void {
    for (const rule of seed.inertGroupRules ?? []) {
      const id = rule.id ?? oktaId('0pr');
      this.inertRules.push({ id, name: rule.name, expression: rule.expression, status: rule.status ?? 'ACTIVE' });
      this.inertRuleGroups.set(id, rule.groupNames.map(groupId));
    }
    for (const app of seed.oauthApps ?? []) {
      const id = app.id ?? oktaId('0oa');
      this.oauthApps.set(id, {
        id,
        label: app.label,
        clientId: app.clientId ?? id,
        applicationType: app.applicationType ?? 'service',
        grantTypes: app.grantTypes ?? ['client_credentials'],
        tokenEndpointAuthMethod: app.tokenEndpointAuthMethod ?? 'private_key_jwt',
        jwks: app.jwks ?? [],
        grantedScopes: app.grantedScopes ?? [],
      });
    }
    for (const [appId, groups] of Object.entries(seed.appGroupAssignments ?? {})) {
      this.appGroups.set(appId, groups.map(groupId));
    }
    for (const role of seed.customRoles ?? []) {
      this.roles.push({ id: role.id ?? `cr0${hex24().slice(0, 17)}`, label: role.label, description: role.description ?? '', permissions: role.permissions });
    }
    for (const set of seed.resourceSets ?? []) {
      this.resourceSets.push({ id: set.id ?? `iam${hex24().slice(0, 17)}`, label: set.label, description: set.description ?? '', resources: set.resources });
    }
    for (const [clientId, assignments] of Object.entries(seed.clientRoleAssignments ?? {})) {
      this.clientRoles.set(
        clientId,
        assignments.map((a) => ({ id: a.id ?? `irb${hex24().slice(0, 17)}`, role: a.role, resourceSet: a.resourceSet })),
      );
    }
    for (const hook of seed.eventHooks ?? []) {
      this.eventHooks.push({
        id: hook.id ?? `who${hex24().slice(0, 17)}`,
        name: hook.name,
        url: hook.url,
        events: hook.events,
        status: hook.status ?? 'ACTIVE',
        authHeaderKey: hook.authHeaderKey ?? 'Authorization',
      });
    }
    for (const [resourceId, conditions] of Object.entries(seed.requestConditions ?? {})) {
      this.conditions.set(
        resourceId,
        conditions.map((c, priority) => ({
          id: c.id ?? hex24(),
          name: c.name,
          description: c.description ?? '',
          status: c.status ?? 'ACTIVE',
          approvalSequenceId: c.approvalSequenceId,
          accessScopeGroups: c.accessScopeGroups.map(groupId),
          requesterGroups: c.requesterGroups.map(groupId),
          accessDuration: c.accessDuration,
          durationType: c.durationType ?? 'REQUESTER_SPECIFIED_DURATION',
          priority,
        })),
      );
    }
    for (const [resourceId, settings] of Object.entries(seed.requestSettings ?? {})) {
      this.requestSettings.set(resourceId, { requestOnBehalfOf: settings.requestOnBehalfOf });
    }
  }
}
