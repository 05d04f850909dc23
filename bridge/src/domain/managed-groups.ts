/**
 * The set of Okta groups the bridge may touch, by name.
 *
 * Names come from the environment config (`config/naming.ts` builds them as `<prefix>-<kind>-<key>`), so the bridge
 * never needs Terraform's group ids. Department and role groups are birthright groups filled by Okta group rules from
 * `profile.department` / `profile.title`; the bridge never adds or removes those memberships itself: the rules own
 * them, and a manual removal would put the user on the rule's exclusion list, so a later move could not bring them
 * back by rule.
 */
/** Names an error message lists before it says "and N more". */
const SUMMARY_NAMES = 10;

export class ManagedGroupSet {
  private readonly names: ReadonlySet<string>;
  /**
   * The population group (`<prefix>-managed-users`, `config/naming.ts`): every user the bridge onboards is created into
   * it, so the service app's custom role, bound to the managed groups and their users, covers exactly that population.
   */
  readonly population?: string;

  constructor(names: readonly string[], population?: string) {
    this.names = new Set(names);
    this.population = population ?? names.find((n) => n.endsWith('-managed-users'));
    if (this.population !== undefined && !this.names.has(this.population)) {
      throw new Error(`population group '${this.population}' must be one of the managed groups (${[...this.names].join(', ')})`);
    }
  }

  /** Every managed name, sorted, for error messages and seeding. */
  get all(): string[] {
    return [...this.names].sort();
  }

  /**
   * The managed names for an error message: all of them when few, else the first {@link SUMMARY_NAMES} and a count,
   * so an answer stays small however many groups an environment manages.
   */
  summary(): string {
    const all = this.all;
    if (all.length === 0) return '(no groups)';
    if (all.length <= SUMMARY_NAMES) return all.join(', ');
    return `${all.slice(0, SUMMARY_NAMES).join(', ')} and ${all.length - SUMMARY_NAMES} more`;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** True for department and role groups (`<prefix>-dept-<key>`, `<prefix>-role-<key>`): rule-driven membership. */
  isBirthright(name: string): boolean {
    return this.has(name) && /-(dept|role)-/.test(name);
  }

  /** Managed groups a request may name and the bridge assigns explicitly (kind `access`): not rule-driven, not the population. */
  isAssignable(name: string): boolean {
    return this.has(name) && !this.isBirthright(name) && name !== this.population;
  }
}
