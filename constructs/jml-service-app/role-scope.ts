import { AppOauthRoleAssignment } from '@cdktf/provider-okta/lib/app-oauth-role-assignment';
import { ResourceSet } from '@cdktf/provider-okta/lib/resource-set';
import { Construct } from 'constructs';
import { resourceSetOfGroup } from '../../config/sharding';
import { RESOURCE_SET_FILL_TARGET } from '../../guardrails/rules/limits/documented-limits';

export interface JmlRoleScopeProps {
  readonly label: string;
  readonly description: string;
  /** Resource-set entries (`https://<org>/api/v1/groups/<id>` ...). */
  readonly resources: readonly string[];
  /** The JML custom role (`okta_admin_role_custom.id`). */
  readonly roleId: string;
  /** The JML service app's client id. */
  readonly clientId: string;
}

/**
 * One resource set and the assignment of the JML custom role to the service app on it.
 *
 * Okta caps a resource set at 1,000 resources but lets one admin hold the same custom role on many sets, each
 * assignment a separate binding; so the role's scope grows by adding sets, never by widening a set to a collection.
 */
export class JmlRoleScope extends Construct {
  public readonly resourceSet: ResourceSet;
  public readonly assignment: AppOauthRoleAssignment;

  constructor(scope: Construct, id: string, props: JmlRoleScopeProps) {
    super(scope, id);
    this.resourceSet = new ResourceSet(this, 'ResourceSet', {
      label: props.label,
      description: props.description,
      resources: [...props.resources],
    });
    this.assignment = new AppOauthRoleAssignment(this, 'RoleAssignment', {
      clientId: props.clientId,
      type: 'CUSTOM',
      role: props.roleId,
      resourceSet: this.resourceSet.id,
    });
  }
}

/** A managed group as the role's scope needs it: its deterministic name (for placement) and its Okta id. */
export interface ScopedGroup {
  readonly name: string;
  readonly groupId: string;
}

export interface ManagedGroupScopesProps {
  /** The service app's label; each set is labelled `<label> managed groups <shard>.<set>`. */
  readonly appLabel: string;
  /** Number of the identity shard these groups belong to, for unique labels across the org. */
  readonly shard: number;
  readonly orgUrl: string;
  readonly groups: readonly ScopedGroup[];
  readonly roleId: string;
  readonly clientId: string;
}

/**
 * The JML role scoped to `groups` (`…/api/v1/groups/<id>` each, never their users: department and role groups fill by
 * rule with people the bridge never onboarded), over as many resource sets as keep each near
 * {@link RESOURCE_SET_FILL_TARGET} entries. A group's set depends only on its name and the number of sets
 * (`config/sharding.ts`), so adding a group changes one set, and a new set only takes groups from the others.
 * Construct ids `GroupScope-<n>` are stable.
 */
export function declareManagedGroupScopes(scope: Construct, props: ManagedGroupScopesProps): JmlRoleScope[] {
  if (props.groups.length === 0) return [];
  const sets = Math.max(1, Math.ceil(props.groups.length / RESOURCE_SET_FILL_TARGET));
  const members: ScopedGroup[][] = Array.from({ length: sets }, () => []);
  for (const group of props.groups) members[resourceSetOfGroup(group.name, sets)].push(group);
  return members.map(
    (groups, n) =>
      new JmlRoleScope(scope, `GroupScope-${n}`, {
        label: `${props.appLabel} managed groups ${props.shard}.${n}`,
        description: `Groups whose members the JML bridge manages (shard ${props.shard}, set ${n} of ${sets}).`,
        resources: groups.map((group) => `${props.orgUrl}/api/v1/groups/${group.groupId}`),
        roleId: props.roleId,
        clientId: props.clientId,
      }),
  );
}
