/**
 * The set of Okta groups the bridge may touch, by name.
 *
 * Names come from the environment config (`config/naming.ts` builds them as `<prefix>-<kind>-<key>`), so the bridge
 * never needs Terraform's group ids. Department and role groups are birthright groups filled by Okta group rules from
 * `profile.department` / `profile.title`; the bridge never adds or removes those memberships itself, because Okta
 * refuses API changes to rule-managed memberships and the rules would re-add them anyway.
 */
export class ManagedGroupSet {
  private readonly names: ReadonlySet<string>;

  constructor(names: readonly string[]) {
    this.names = new Set(names);
  }

  /** Every managed name, sorted, for error messages and seeding. */
  get all(): string[] {
    return [...this.names].sort();
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** True for department and role groups (`<prefix>-dept-<key>`, `<prefix>-role-<key>`): rule-driven membership. */
  isBirthright(name: string): boolean {
    return this.has(name) && /-(dept|role)-/.test(name);
  }

  /** Managed groups that the bridge assigns explicitly (kind `access` and anything not rule-driven). */
  isAssignable(name: string): boolean {
    return this.has(name) && !this.isBirthright(name);
  }
}
