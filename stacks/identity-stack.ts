import { AppGroupAssignment } from '@cdktf/provider-okta/lib/app-group-assignment';
import { DataOktaApp } from '@cdktf/provider-okta/lib/data-okta-app';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { groupNameOf, populationGroupName } from '../config/naming';
import { shardOfGroup } from '../config/sharding';
import { BirthrightGroup } from '../constructs/birthright-group';
import { declareManagedGroupScopes, JmlServiceApp, type JmlRoleScope } from '../constructs/jml-service-app';
import { LifecycleEventHook } from '../constructs/lifecycle-event-hook';
import { BaseStack, type BaseStackProps } from './base-stack';
import { IdentityGroupsStack } from './identity-groups-stack';
import { oktaOrgUrl, oktaProviderConfig } from './okta-org';

/*
 * Shard design (a contract with Terraform state, import blocks and the deploy order; README "Bounded plans"):
 *
 * `identity-<env>` (this stack) always holds the org-wide objects: the population group, the JML service app with its
 * scopes, custom role and the role's binding to the population, the lifecycle event hook and the Privileged Access app
 * lookup. With `identity.shards` = 1 (the default) it also holds every department, role and server-access group. With
 * N > 1 those groups live in N more root modules, `identity-groups-<n>-<env>` for n = 0..N-1 (stacks/identity-groups-stack.ts):
 * the group named G (config/naming.ts, e.g. `jml-dept-engineering`) goes to shard `shardOfGroup(G, N)`
 * (config/sharding.ts, jump consistent hash of SHA-256 of the name), with its rule, its Privileged Access assignment and
 * the role's resource sets over that shard's groups. A department's shard depends on its key only, so a change to one
 * department plans one shard; adding a shard moves about 1/N of the groups, each into the new shard.
 * Construct ids are the same wherever a group lives (`Department-<key>`, `Role-<key>`, `ServerAccess-<key>`, with
 * children `Resource`, `Rule`, `PrivilegedAccessAssignment`; `GroupScope-<n>` for the resource sets), so a group's
 * Terraform address is identical in `identity` and in a shard: moving it is a state move of that address.
 * Each stack holding groups outputs their ids (`department_group_ids`, `role_group_ids`, `server_access_group_ids`).
 * Deploy order: bridge, identity, identity-groups-0..N-1 (they read the role, the app's client id and the
 * Privileged Access app id from identity), then governance, privileged-access, servicenow.
 */

export interface IdentityStackProps extends BaseStackProps {
  /**
   * The bridge's event-hook endpoint, normally the bridge stack's output.
   * @default - `identity.eventHook.url` from the environment file
   */
  readonly eventHookUrl?: string;
}

/**
 * The Okta side of JML: birthright groups and their rules, the requestable server-access groups, the
 * least-privilege JML service app and the lifecycle event hook.
 *
 * Ownership boundary: no user and no group membership is declared here. Rules and the bridge own memberships,
 * so Terraform and the bridge never fight over them.
 */
export class IdentityStack extends BaseStack {
  public readonly departmentGroups: Record<string, BirthrightGroup> = {};
  public readonly roleGroups: Record<string, BirthrightGroup> = {};
  public readonly serverAccessGroups: Record<string, BirthrightGroup> = {};
  public readonly populationGroup: BirthrightGroup;
  public readonly serviceApp: JmlServiceApp;
  public readonly eventHook: LifecycleEventHook;
  /** The Okta Privileged Access app, found by label; server-access groups are assigned to it. */
  public readonly privilegedAccessApp: DataOktaApp;
  /** The shard stacks (`identity.shards` > 1); empty when this stack holds every group. */
  public readonly shards: readonly IdentityGroupsStack[];
  /** The JML role's bindings to the managed groups other than the population, in every stack that holds groups. */
  public readonly groupScopes: readonly JmlRoleScope[];

  constructor(scope: Construct, props: IdentityStackProps) {
    super(scope, 'identity', props);
    const { identity, okta, name } = props.config;
    const prefix = identity.groupPrefix;
    new OktaProvider(this, 'okta', oktaProviderConfig(okta));

    this.privilegedAccessApp = new DataOktaApp(this, 'PrivilegedAccessApp', {
      label: identity.privilegedAccessAppLabel,
      activeOnly: true,
    });
    this.populationGroup = new BirthrightGroup(this, 'Population', {
      name: populationGroupName(prefix),
      description: 'Every user the JML bridge has onboarded; bounds what the bridge may act on.',
    });
    this.serviceApp = new JmlServiceApp(this, 'JmlServiceApp', {
      label: identity.serviceApp.label,
      publicKeys: identity.serviceApp.publicKeys,
      orgUrl: oktaOrgUrl(okta),
      populationGroupId: this.populationGroup.groupId,
      invokeWorkflows: props.config.jml.executor === 'workflows',
    });

    this.shards =
      identity.shards > 1 ? Array.from({ length: identity.shards }, (_, shard) => new IdentityGroupsStack(scope, { config: props.config, shard })) : [];
    const holders: TerraformStack[] = this.shards.length > 0 ? [...this.shards] : [this];
    const holderOf = (groupName: string) => holders[shardOfGroup(groupName, holders.length)];

    for (const department of identity.departments) {
      const groupName = groupNameOf(prefix, 'dept', department);
      this.departmentGroups[department.key] = new BirthrightGroup(holderOf(groupName), `Department-${department.key}`, {
        name: groupName,
        description: department.description ?? `Members of the ${department.value} department (birthright, by rule).`,
        membershipRule: { attribute: 'department', value: department.value },
      });
    }
    for (const role of identity.roles) {
      const groupName = groupNameOf(prefix, 'role', role);
      this.roleGroups[role.key] = new BirthrightGroup(holderOf(groupName), `Role-${role.key}`, {
        name: groupName,
        description: role.description ?? `Holders of the ${role.value} role (birthright, by rule on ${role.attribute}).`,
        membershipRule: { attribute: role.attribute, value: role.value },
      });
    }
    for (const group of identity.serverAccessGroups) {
      const groupName = groupNameOf(prefix, 'access', group);
      const accessGroup = new BirthrightGroup(holderOf(groupName), `ServerAccess-${group.key}`, {
        name: groupName,
        description: group.description,
      });
      new AppGroupAssignment(accessGroup, 'PrivilegedAccessAssignment', {
        appId: this.privilegedAccessApp.id,
        groupId: accessGroup.groupId,
      });
      this.serverAccessGroups[group.key] = accessGroup;
    }

    this.groupScopes = holders.flatMap((holder, shard) =>
      declareManagedGroupScopes(holder, {
        appLabel: identity.serviceApp.label,
        shard,
        orgUrl: oktaOrgUrl(okta),
        groups: this.managedGroups()
          .filter((group) => group !== this.populationGroup && TerraformStack.of(group) === holder)
          .map((group) => ({ name: group.groupName, groupId: group.groupId })),
        roleId: this.serviceApp.role.id,
        clientId: this.serviceApp.clientId,
      }),
    );

    const hookSecret = new TerraformVariable(this, 'event_hook_auth_secret', {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: 'Authorization header value Okta sends to the bridge event hook; set TF_VAR_event_hook_auth_secret.',
    });
    const eventHookUrl = props.eventHookUrl ?? identity.eventHook.url;
    if (!eventHookUrl) {
      throw new Error(`identity stack of "${name}" has no event-hook URL: deploy it with the bridge stack, or set identity.eventHook.url`);
    }
    this.eventHook = new LifecycleEventHook(this, 'LifecycleEventHook', {
      name: `JML lifecycle events (${name})`,
      url: eventHookUrl,
      authorizationSecret: hookSecret.stringValue,
    });

    this.declareOutputs();
    for (const holder of holders) this.declareGroupOutputs(holder);
  }

  /** Every group the bridge may act on: the population, department, role and server-access groups. */
  public managedGroups(): BirthrightGroup[] {
    return [this.populationGroup, ...Object.values(this.departmentGroups), ...Object.values(this.roleGroups), ...Object.values(this.serverAccessGroups)];
  }

  /** Every stack that holds managed groups other than the population: this one, or each shard. */
  public groupStacks(): TerraformStack[] {
    return this.shards.length > 0 ? [...this.shards] : [this];
  }

  private declareOutputs(): void {
    new TerraformOutput(this, 'service_app_client_id', {
      staticId: true,
      value: this.serviceApp.clientId,
      description: 'Client id of the JML service app (private_key_jwt); configure it in the bridge.',
    });
    new TerraformOutput(this, 'population_group_id', {
      staticId: true,
      value: this.populationGroup.groupId,
      description: 'Okta group id of the group of users the bridge onboarded.',
    });
    new TerraformOutput(this, 'event_hook_id', {
      staticId: true,
      value: this.eventHook.eventHookId,
      description: 'Id of the lifecycle event hook that confirms bridge actions.',
    });
  }

  /** The ids of the groups `holder` declares, by key, under the same output names in every stack that holds groups. */
  private declareGroupOutputs(holder: TerraformStack): void {
    const idsByKey = (groups: Record<string, BirthrightGroup>) =>
      Object.fromEntries(
        Object.entries(groups)
          .filter(([, group]) => TerraformStack.of(group) === holder)
          .map(([key, group]) => [key, group.groupId]),
      );
    new TerraformOutput(holder, 'department_group_ids', {
      staticId: true,
      value: idsByKey(this.departmentGroups),
      description: 'Okta group id of each department group of this stack, by department key.',
    });
    new TerraformOutput(holder, 'role_group_ids', {
      staticId: true,
      value: idsByKey(this.roleGroups),
      description: 'Okta group id of each role group of this stack, by role key.',
    });
    new TerraformOutput(holder, 'server_access_group_ids', {
      staticId: true,
      value: idsByKey(this.serverAccessGroups),
      description: 'Okta group id of each requestable server-access group of this stack, by key.',
    });
  }
}
