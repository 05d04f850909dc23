import { newId } from './ids';
import type {
  AdAccountRule,
  AdConnection,
  AdPasswordSettings,
  DirectoryAccountSeed,
  Json,
  ManagedAccount,
  Project,
  ResourceGroup,
  RuleSettings,
  SecurityPolicy,
  ServiceUserSeed,
} from './model';

/** Rule settings before anyone configured them: nothing matches (`is_configured: false`). Assumed OPA's initial state. */
export function unconfiguredRuleSettings(): RuleSettings {
  return {
    is_configured: false,
    matching_criteria: { username: false, first_and_last_name: false, display_name: false, email: false },
    partial_matching_criteria: [],
    allow_partial_matches: false,
  };
}

/**
 * Everything the OPA simulator holds, with seed helpers for the read endpoints. Tests seed what an existing team
 * already has (resource groups, projects, policies, AD connections, imported AD accounts) and then call the API.
 */
export class OpaState {
  readonly serviceUsers = new Map<string, Required<ServiceUserSeed>>();
  readonly resourceGroups = new Map<string, ResourceGroup>();
  readonly projects = new Map<string, Project>();
  readonly policies = new Map<string, SecurityPolicy>();
  readonly adConnections = new Map<string, AdConnection>();
  /** Rules per AD connection id, in priority order. */
  readonly rules = new Map<string, AdAccountRule[]>();
  readonly ruleSettings = new Map<string, RuleSettings>();
  /** Per project id. */
  readonly adPasswordSettings = new Map<string, AdPasswordSettings>();
  readonly serverPasswordSettings = new Map<string, Json>();
  /** Accounts imported by the Okta AD agent, per connection id. */
  readonly directory = new Map<string, (DirectoryAccountSeed & { sid: string })[]>();
  /** Accounts brought under management, by account id. */
  readonly accounts = new Map<string, ManagedAccount>();

  constructor(readonly team: string) {}

  seedServiceUser(seed: ServiceUserSeed): void {
    this.serviceUsers.set(seed.keyId, {
      name: seed.name ?? `svc-${seed.keyId.slice(0, 8)}`,
      roles: seed.roles ?? ['resource_admin', 'security_admin'],
      ...seed,
    } as Required<ServiceUserSeed>);
  }

  seedResourceGroup(fields: Partial<ResourceGroup> & { name: string }): ResourceGroup {
    this.requireUniqueName([...this.resourceGroups.values()], fields.name, 'resource group');
    const group: ResourceGroup = { id: newId(), description: '', delegated_resource_admin_groups: [], ...fields };
    this.resourceGroups.set(group.id, group);
    return group;
  }

  seedProject(resourceGroupId: string, fields: Partial<Project> & { name: string }): Project {
    if (!this.resourceGroups.has(resourceGroupId)) throw new Error(`seedProject: no resource group ${resourceGroupId}; seed it first`);
    const siblings = [...this.projects.values()].filter((p) => p.resource_group === resourceGroupId);
    this.requireUniqueName(siblings, fields.name, 'project');
    const project: Project = { id: newId(), team: this.team, ...fields, resource_group: resourceGroupId };
    this.projects.set(project.id, project);
    return project;
  }

  seedSecurityPolicy(resourceGroupId: string, fields: Partial<SecurityPolicy> & { name: string }): SecurityPolicy {
    if (!this.resourceGroups.has(resourceGroupId)) throw new Error(`seedSecurityPolicy: no resource group ${resourceGroupId}; seed it first`);
    const policy: SecurityPolicy = {
      id: newId(),
      active: true,
      principals: { user_groups: [] },
      rules: [],
      ...fields,
      resource_group: { id: resourceGroupId, type: 'resource_group' },
    };
    this.policies.set(policy.id, policy);
    return policy;
  }

  seedAdConnection(fields: Partial<AdConnection> & { domain: string }): AdConnection {
    const connection: AdConnection = { id: newId(), app_instance_id: `0oa${newId().replace(/-/g, '').slice(0, 17)}`, status: 'connected', ...fields };
    this.adConnections.set(connection.id, connection);
    this.rules.set(connection.id, []);
    this.ruleSettings.set(connection.id, unconfiguredRuleSettings());
    this.directory.set(connection.id, []);
    return connection;
  }

  /** An AD account the Okta AD agent imported; a rule covering its OU brings it under management on the next sync. */
  seedDirectoryAccount(seed: DirectoryAccountSeed): void {
    const accounts = this.directory.get(seed.connectionId);
    if (!accounts) throw new Error(`seedDirectoryAccount: no AD connection ${seed.connectionId}; seed it first`);
    accounts.push({ ...seed, sid: seed.sid ?? `S-1-5-21-1004336348-1177238915-682003330-${1100 + accounts.length}` });
  }

  seedAdPasswordSettings(projectId: string, settings: AdPasswordSettings): void {
    this.requireProject(projectId);
    this.adPasswordSettings.set(projectId, settings);
  }

  /** A project's server-account password settings, as `oktapam_password_settings` writes them (`…/server_password_settings`). */
  seedServerPasswordSettings(projectId: string, settings: Json): void {
    this.requireProject(projectId);
    this.serverPasswordSettings.set(projectId, settings);
  }

  requireProject(projectId: string): Project {
    const project = this.projects.get(projectId);
    if (!project) throw new Error(`no project ${projectId}; seed it first`);
    return project;
  }

  private requireUniqueName(existing: readonly { name: string }[], name: string, what: string): void {
    if (existing.some((item) => item.name === name)) throw new Error(`a ${what} named "${name}" is already seeded; names are unique`);
  }
}
