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

/** The Terraform stack id, `<stack>-<environment>`, as required by every backend key and CI job. */
export function stackId(stack: string, environment: string): string {
  return `${stack}-${environment}`;
}
