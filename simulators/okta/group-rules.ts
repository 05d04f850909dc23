import { oktaId } from './ids';
import { matchesProfileEquals, parseProfileEquals, type ProfileEqualsCondition } from './group-rule-expression';
import type { UserRecord } from './model';
import type { OktaState } from './state';

/** Okta refuses group rule names longer than 50 characters (same limit as `config/naming.ts` GROUP_RULE_NAME_MAX). */
const RULE_NAME_MAX = 50;

/** An ACTIVE group rule: users matching the expression are assigned to the group. */
export interface GroupRuleSeed {
  /** Rule name, 1 to 50 characters; unique in the org. */
  readonly name: string;
  /** `user.<attribute>=="<value>"`, as `constructs/okta-expression` `profileEquals` writes it; anything else is refused. */
  readonly expression: string;
  /** The group the rule assigns (an OKTA_GROUP declared in `options.groups`), by name or id. */
  readonly groupName: string;
}

/** A rule as the simulator keeps it, with the users Okta put on its "Except the following users" list. */
export interface GroupRuleView {
  readonly id: string;
  readonly name: string;
  readonly expression: string;
  readonly groupId: string;
  readonly excludedUserIds: readonly string[];
}

interface GroupRule {
  readonly id: string;
  readonly name: string;
  readonly expression: string;
  readonly condition: ProfileEqualsCondition;
  readonly groupId: string;
  readonly excluded: Set<string>;
}

/** Memberships a rule evaluation asks for: group ids to add the user to and to remove the user from. */
export interface RuleChanges {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

/**
 * The org's group rules and which memberships they manage. Pure bookkeeping: `Directory` applies the changes and
 * writes the System Log.
 *
 * Okta's help ("About manual group user management") describes the behaviour mirrored here:
 * - a member a rule added is managed "By rule"; when the user stops matching, the rule removes them;
 * - a manually added member who matches a rule becomes managed by that rule;
 * - a rule-managed member removed manually (Admin Console or API) is added by Okta System to the rule's
 *   "Except the following users" list, so the rule does not add them back. That the API removal behaves like the
 *   console's is assumed.
 */
export class GroupRules {
  private readonly rules: GroupRule[] = [];
  /** groupId -> userId -> ids of the rules that manage that membership. */
  private readonly managed = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly state: OktaState) {}

  /** Adds an ACTIVE rule; throws with the reason when the name, expression or group is not acceptable. */
  add(seed: GroupRuleSeed): GroupRuleView {
    if (seed.name.length === 0 || seed.name.length > RULE_NAME_MAX) {
      throw new Error(`group rule name ${JSON.stringify(seed.name)} must be 1 to ${RULE_NAME_MAX} characters; shorten it`);
    }
    if (this.rules.some((r) => r.name === seed.name)) {
      throw new Error(`group rule ${JSON.stringify(seed.name)} is declared twice; rule names must be unique`);
    }
    const condition = parseProfileEquals(seed.expression);
    const group = this.state.groups.get(seed.groupName) ?? this.state.findGroupByName(seed.groupName);
    if (!group) {
      throw new Error(
        `group rule ${JSON.stringify(seed.name)} assigns group ${JSON.stringify(seed.groupName)}, which does not exist; declare it in options.groups`,
      );
    }
    if (group.type !== 'OKTA_GROUP') {
      throw new Error(`group rule ${JSON.stringify(seed.name)} assigns ${group.profile.name}, a ${group.type}; rules can only assign OKTA_GROUP groups`);
    }
    const rule: GroupRule = { id: oktaId('0pr'), name: seed.name, expression: seed.expression, condition, groupId: group.id, excluded: new Set() };
    this.rules.push(rule);
    return view(rule);
  }

  list(): GroupRuleView[] {
    return this.rules.map(view);
  }

  /**
   * Decides the user's rule-driven memberships. Rules run for every status except DEPROVISIONED (assumed, see
   * simulators/README.md): a deactivated user keeps the memberships they had, as on deactivation.
   */
  evaluate(user: UserRecord): RuleChanges {
    if (this.rules.length === 0 || user.status === 'DEPROVISIONED') {
      return { add: [], remove: [] };
    }
    const members = (groupId: string) => this.state.memberships.get(groupId)?.has(user.id) ?? false;
    const add = new Set<string>();
    const lostManager = new Set<string>();
    for (const rule of this.rules) {
      if (!rule.excluded.has(user.id) && matchesProfileEquals(rule.condition, user.profile)) {
        this.managersOf(rule.groupId, user.id).add(rule.id);
        if (!members(rule.groupId)) {
          add.add(rule.groupId);
        }
      } else if (this.managed.get(rule.groupId)?.get(user.id)?.delete(rule.id)) {
        lostManager.add(rule.groupId);
      }
    }
    const remove = [...lostManager].filter((gid) => !this.isRuleManaged(gid, user.id) && members(gid));
    for (const gid of lostManager) {
      this.dropIfUnmanaged(gid, user.id);
    }
    return { add: [...add], remove };
  }

  /** Whether a rule currently manages the user's membership of the group. */
  isRuleManaged(groupId: string, userId: string): boolean {
    return (this.managed.get(groupId)?.get(userId)?.size ?? 0) > 0;
  }

  /** A manual removal of a rule-managed member puts the user on each managing rule's exclusion list. */
  removedManually(groupId: string, userId: string): void {
    const managers = this.managed.get(groupId)?.get(userId);
    for (const rule of this.rules) {
      if (managers?.has(rule.id)) {
        rule.excluded.add(userId);
      }
    }
    this.managed.get(groupId)?.delete(userId);
  }

  /** Forgets a deleted user (Okta's exclusion lists keep deleted ids, okta/terraform-provider-okta#1674; ours do not). */
  forget(userId: string): void {
    for (const users of this.managed.values()) {
      users.delete(userId);
    }
    for (const rule of this.rules) {
      rule.excluded.delete(userId);
    }
  }

  private managersOf(groupId: string, userId: string): Set<string> {
    let users = this.managed.get(groupId);
    if (!users) {
      users = new Map();
      this.managed.set(groupId, users);
    }
    let managers = users.get(userId);
    if (!managers) {
      managers = new Set();
      users.set(userId, managers);
    }
    return managers;
  }

  private dropIfUnmanaged(groupId: string, userId: string): void {
    if (this.managed.get(groupId)?.get(userId)?.size === 0) {
      this.managed.get(groupId)?.delete(userId);
    }
  }
}

function view(rule: GroupRule): GroupRuleView {
  return { id: rule.id, name: rule.name, expression: rule.expression, groupId: rule.groupId, excludedUserIds: [...rule.excluded] };
}
