import { AppGroupAssignment } from '@cdktf/provider-okta/lib/app-group-assignment';
import { DataOktaApp } from '@cdktf/provider-okta/lib/data-okta-app';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { managedGroupName, populationGroupName } from '../config/naming';
import { BirthrightGroup } from '../constructs/birthright-group';
import { JmlServiceApp } from '../constructs/jml-service-app';
import { LifecycleEventHook } from '../constructs/lifecycle-event-hook';
import { BaseStack, type BaseStackProps } from './base-stack';
import { oktaOrgUrl } from './okta-org';

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

  constructor(scope: Construct, props: IdentityStackProps) {
    super(scope, 'identity', props);
    const { identity, okta, name } = props.config;
    const prefix = identity.groupPrefix;
    new OktaProvider(this, 'okta', { orgName: okta.orgName, baseUrl: okta.baseUrl });

    for (const department of identity.departments) {
      this.departmentGroups[department.key] = new BirthrightGroup(this, `Department-${department.key}`, {
        name: managedGroupName(prefix, 'dept', department.key),
        description: department.description ?? `Members of the ${department.value} department (birthright, by rule).`,
        membershipRule: { attribute: 'department', value: department.value },
      });
    }
    for (const role of identity.roles) {
      this.roleGroups[role.key] = new BirthrightGroup(this, `Role-${role.key}`, {
        name: managedGroupName(prefix, 'role', role.key),
        description: role.description ?? `Holders of the ${role.value} role (birthright, by rule on ${role.attribute}).`,
        membershipRule: { attribute: role.attribute, value: role.value },
      });
    }

    this.privilegedAccessApp = new DataOktaApp(this, 'PrivilegedAccessApp', {
      label: identity.privilegedAccessAppLabel,
      activeOnly: true,
    });
    for (const group of identity.serverAccessGroups) {
      const accessGroup = new BirthrightGroup(this, `ServerAccess-${group.key}`, {
        name: managedGroupName(prefix, 'access', group.key),
        description: group.description,
      });
      new AppGroupAssignment(accessGroup, 'PrivilegedAccessAssignment', {
        appId: this.privilegedAccessApp.id,
        groupId: accessGroup.groupId,
      });
      this.serverAccessGroups[group.key] = accessGroup;
    }

    this.populationGroup = new BirthrightGroup(this, 'Population', {
      name: populationGroupName(prefix),
      description: 'Every user the JML bridge has onboarded; bounds what the bridge may act on.',
    });

    this.serviceApp = new JmlServiceApp(this, 'JmlServiceApp', {
      label: identity.serviceApp.label,
      publicKeys: identity.serviceApp.publicKeys,
      orgUrl: oktaOrgUrl(okta),
      populationGroupId: this.populationGroup.groupId,
      managedGroupIds: this.managedGroups()
        .filter((group) => group !== this.populationGroup)
        .map((group) => group.groupId),
      invokeWorkflows: props.config.jml.executor === 'workflows',
    });

    const hookSecret = new TerraformVariable(this, 'event_hook_auth_secret', {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: 'Authorization header value Okta sends to the bridge event hook; set TF_VAR_event_hook_auth_secret.',
    });
    const eventHookUrl = props.eventHookUrl ?? identity.eventHook.url;
    if (!eventHookUrl) {
      throw new Error(
        `identity stack of "${name}" has no event-hook URL: deploy it with the bridge stack, or set identity.eventHook.url`,
      );
    }
    this.eventHook = new LifecycleEventHook(this, 'LifecycleEventHook', {
      name: `JML lifecycle events (${name})`,
      url: eventHookUrl,
      authorizationSecret: hookSecret.stringValue,
    });

    this.declareOutputs();
  }

  /** Every group the bridge may act on: the population, department, role and server-access groups. */
  public managedGroups(): BirthrightGroup[] {
    return [
      this.populationGroup,
      ...Object.values(this.departmentGroups),
      ...Object.values(this.roleGroups),
      ...Object.values(this.serverAccessGroups),
    ];
  }

  private declareOutputs(): void {
    const idsByKey = (groups: Record<string, BirthrightGroup>) =>
      Object.fromEntries(Object.entries(groups).map(([key, group]) => [key, group.groupId]));
    new TerraformOutput(this, 'service_app_client_id', {
      staticId: true,
      value: this.serviceApp.clientId,
      description: 'Client id of the JML service app (private_key_jwt); configure it in the bridge.',
    });
    new TerraformOutput(this, 'department_group_ids', {
      staticId: true,
      value: idsByKey(this.departmentGroups),
      description: 'Okta group id of each department group, by department key.',
    });
    new TerraformOutput(this, 'role_group_ids', {
      staticId: true,
      value: idsByKey(this.roleGroups),
      description: 'Okta group id of each role group, by role key.',
    });
    new TerraformOutput(this, 'server_access_group_ids', {
      staticId: true,
      value: idsByKey(this.serverAccessGroups),
      description: 'Okta group id of each requestable server-access group, by key.',
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
}
