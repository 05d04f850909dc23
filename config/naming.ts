/**
 * Deterministic names for everything the project declares in Okta.
 *
 * The identity stack creates groups with these names and the bridge (a separate Terraform root module and a
 * runtime service) recognises its managed groups by the same names, so neither needs the other's ids.
 * Renaming a group here renames it in Okta on the next deploy: treat the output as a contract.
 */

/** The kinds of group the project manages; the kind is part of the name so that two kinds never collide. */
export type ManagedGroupKind = 'dept' | 'role' | 'access';

/** `<prefix>-<kind>-<key>`, e.g. `jml-dept-engineering`. */
export function managedGroupName(prefix: string, kind: ManagedGroupKind, key: string): string {
  return `${prefix}-${kind}-${key}`;
}

/**
 * The Okta name of a department, role or server-access group: its explicit `groupName` when it has one (an adopted
 * group keeps the name it had, `npm run env:adopt`), else `<prefix>-<kind>-<key>`.
 */
export function groupNameOf(prefix: string, kind: ManagedGroupKind, entry: { readonly key: string; readonly groupName?: string }): string {
  return entry.groupName ?? managedGroupName(prefix, kind, entry.key);
}

/** The Terraform stack id, `<stack>-<environment>`, as required by every backend key and CI job. */
export function stackId(stack: string, environment: string): string {
  return `${stack}-${environment}`;
}

/**
 * The group of every user the bridge onboarded. A joiner is created into it, so the bridge's custom role (bound
 * to the managed groups and to the users of this group only) covers exactly the population it manages and no other user.
 */
export function populationGroupName(prefix: string): string {
  return `${prefix}-managed-users`;
}

/** The parts of the identity config that determine group names. */
export interface GroupNamingInput {
  readonly groupPrefix: string;
  readonly departments: readonly { readonly key: string; readonly groupName?: string }[];
  readonly roles: readonly { readonly key: string; readonly groupName?: string }[];
  readonly serverAccessGroups: readonly { readonly key: string; readonly groupName?: string }[];
}

/** Every group name the project manages, population first: the bridge refuses any group not in this list. */
export function managedGroupNames(identity: GroupNamingInput): string[] {
  const prefix = identity.groupPrefix;
  return [
    populationGroupName(prefix),
    ...identity.departments.map((d) => groupNameOf(prefix, 'dept', d)),
    ...identity.roles.map((r) => groupNameOf(prefix, 'role', r)),
    ...identity.serverAccessGroups.map((g) => groupNameOf(prefix, 'access', g)),
  ];
}

/** Okta refuses group rule names longer than this. */
export const GROUP_RULE_NAME_MAX = 50;
