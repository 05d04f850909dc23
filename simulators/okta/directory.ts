import { alreadyActive, notFound, validationFailed, wrongStatus } from './errors';
import { GroupRules, type GroupRuleSeed, type GroupRuleView } from './group-rules';
import { oktaId, requestId as newRequestId } from './ids';
import { groupTarget, userTarget } from './log-targets';
import type { GroupRecord, LogActor, OperationContext, UserRecord, UserStatus } from './model';
import { normaliseProvider, validateProfile } from './profile-rules';
import type { OktaState } from './state';
import type { SystemLog } from './system-log';

/** Body of `POST /api/v1/users` (docs/reference/okta-management-api.md §2.1 `CreateUserRequest`), as far as the simulator uses it. */
export interface CreateUserInput {
  readonly profile?: Record<string, unknown>;
  readonly credentials?: {
    readonly password?: { readonly value?: string };
    readonly provider?: { readonly type?: string; readonly name?: string };
  };
  readonly groupIds?: readonly string[];
}

/** Statuses from which Okta's plain list and `q` hide users (docs/reference/okta-management-api.md §2.2). */
export const HIDDEN_FROM_PLAIN_LIST: readonly UserStatus[] = ['DEPROVISIONED'];

/**
 * The actor of Okta's own background work. Okta support articles name "Okta System (System Principal)" as the actor
 * that puts users on a rule's exclusion list; that rule-driven membership changes have the same actor is assumed, and
 * the id and alternateId are the simulator's.
 */
export const OKTA_SYSTEM_ACTOR: LogActor = {
  id: '0oaOktaSystem0000001',
  type: 'SystemPrincipal',
  alternateId: 'system@okta.com',
  displayName: 'Okta System',
};

/**
 * The org's user and group rules: lifecycle transitions, validation, memberships, and the System Log events
 * each change produces. Used by the HTTP routes, by Workflows test flows and by the test handle alike.
 *
 * Lifecycle transitions complete synchronously: real Okta activates/deactivates asynchronously
 * (`transitioningToStatus`), which the simulator does not model.
 */
export class Directory {
  constructor(
    private readonly state: OktaState,
    private readonly log: SystemLog,
    private readonly uniqueAttributes: readonly string[] = [],
    /** The org's group rules, re-evaluated on create, activation, reactivation and profile update. */
    readonly rules: GroupRules = new GroupRules(state),
  ) {}

  getUser(idOrLogin: string): UserRecord {
    const user = this.state.findUser(idOrLogin);
    if (!user) {
      throw notFound(idOrLogin, 'User');
    }
    return user;
  }

  getGroup(groupId: string): GroupRecord {
    const group = this.state.groups.get(groupId);
    if (!group) {
      throw notFound(groupId, 'UserGroup');
    }
    return group;
  }

  /**
   * Creates a user. With `activate` (Okta's default) a user with a password or an external provider becomes ACTIVE;
   * one without becomes PROVISIONED (Okta emails an activation link and waits for the user to set a password).
   * Without `activate` the user is STAGED.
   */
  createUser(input: CreateUserInput, activate: boolean, ctx: OperationContext): UserRecord {
    const profile = validateProfile(this.state, this.uniqueAttributes, input.profile, undefined);
    const groupIds = input.groupIds ?? [];
    const groups = groupIds.map((gid) => {
      const group = this.state.groups.get(gid);
      if (!group) {
        throw validationFailed('groupIds', [`groupIds: Group ${gid} does not exist`]);
      }
      this.assertMembershipManageable(group);
      return group;
    });
    const providerType = normaliseProvider(input.credentials?.provider?.type);
    const hasCredential = Boolean(input.credentials?.password?.value) || providerType !== 'OKTA';
    const now = new Date().toISOString();
    const user: UserRecord = {
      id: oktaId('00u'),
      status: 'STAGED',
      created: now,
      activated: null,
      statusChanged: null,
      lastLogin: null,
      lastUpdated: now,
      passwordChanged: input.credentials?.password?.value ? now : null,
      profile,
      hasCredential,
      providerType,
      providerName: input.credentials?.provider?.name ?? (providerType === 'OKTA' ? 'OKTA' : providerType),
    };
    this.state.users.set(user.id, user);
    this.log.append(ctx, 'user.lifecycle.create', 'Create Okta user', [userTarget(user)]);
    for (const group of groups) {
      this.addMemberUnchecked(group, user, ctx);
    }
    if (activate) {
      this.transitionToActivated(user, ctx);
    } else {
      this.applyRules(user);
    }
    this.state.searchIndex.update(user);
    return user;
  }

  /**
   * Inserts a user that already existed before the test (no System Log event), in any status. Validation and
   * login uniqueness still apply.
   */
  seedUser(profileInput: Record<string, unknown>, status: UserStatus, groupIds: readonly string[], hasCredential: boolean): UserRecord {
    const profile = validateProfile(this.state, this.uniqueAttributes, profileInput, undefined);
    const now = new Date().toISOString();
    const user: UserRecord = {
      id: oktaId('00u'),
      status,
      created: now,
      activated: status === 'STAGED' ? null : now,
      statusChanged: status === 'STAGED' ? null : now,
      lastLogin: null,
      lastUpdated: now,
      passwordChanged: hasCredential ? now : null,
      profile,
      hasCredential,
      providerType: 'OKTA',
      providerName: 'OKTA',
    };
    for (const gid of groupIds) {
      this.assertMembershipManageable(this.getGroup(gid));
    }
    this.state.users.set(user.id, user);
    for (const gid of groupIds) {
      this.state.membersOf(gid).add(user.id);
    }
    // A user who existed before the test already has the memberships the rules give; no events for them.
    const changes = this.rules.evaluate(user);
    for (const gid of changes.add) {
      this.state.membersOf(gid).add(user.id);
    }
    for (const gid of changes.remove) {
      this.state.membersOf(gid).delete(user.id);
    }
    this.state.searchIndex.update(user);
    return user;
  }

  /** Partial profile update (`POST /api/v1/users/{id}`): given properties replace, others stay. */
  updateProfile(idOrLogin: string, patch: Record<string, unknown> | undefined, ctx: OperationContext): UserRecord {
    const user = this.getUser(idOrLogin);
    if (patch === undefined || Object.keys(patch).length === 0) {
      return user;
    }
    const merged = { ...user.profile, ...patch };
    user.profile = validateProfile(this.state, this.uniqueAttributes, merged, user.id);
    user.lastUpdated = new Date().toISOString();
    this.state.searchIndex.update(user);
    this.log.append(ctx, 'user.account.update_profile', 'Update user profile for Okta', [userTarget(user)]);
    this.applyRules(user);
    return user;
  }

  /**
   * `lifecycle/activate`: allowed from STAGED or DEPROVISIONED (docs/reference/okta-management-api.md §2.1). A user already in an activated
   * status gets 403 E0000016; a SUSPENDED user gets E0000038 (assumed: Okta documents no code for that case).
   */
  activate(idOrLogin: string, ctx: OperationContext): UserRecord {
    const user = this.getUser(idOrLogin);
    if (user.status === 'SUSPENDED') {
      throw wrongStatus();
    }
    if (user.status !== 'STAGED' && user.status !== 'DEPROVISIONED') {
      throw alreadyActive();
    }
    this.transitionToActivated(user, ctx);
    return user;
  }

  /** `lifecycle/deactivate`: any status except DEPROVISIONED (403 E0000038). Group memberships are kept. */
  deactivate(idOrLogin: string, ctx: OperationContext): UserRecord {
    const user = this.getUser(idOrLogin);
    if (user.status === 'DEPROVISIONED') {
      throw wrongStatus();
    }
    this.setStatus(user, 'DEPROVISIONED');
    this.log.append(ctx, 'user.lifecycle.deactivate', 'Deactivate Okta user', [userTarget(user)]);
    return user;
  }

  /** `lifecycle/suspend`: ACTIVE only; other statuses get 400 E0000001 (Okta's exact answer is unverified). */
  suspend(idOrLogin: string, ctx: OperationContext): UserRecord {
    const user = this.getUser(idOrLogin);
    if (user.status !== 'ACTIVE') {
      throw validationFailed('status', [`status: Cannot suspend a user that is ${user.status}; only ACTIVE users can be suspended`]);
    }
    this.setStatus(user, 'SUSPENDED');
    this.log.append(ctx, 'user.lifecycle.suspend', 'Suspend Okta user', [userTarget(user)]);
    return user;
  }

  /** `lifecycle/unsuspend`: SUSPENDED only; other statuses get 400 E0000001 (exact answer unverified). */
  unsuspend(idOrLogin: string, ctx: OperationContext): UserRecord {
    const user = this.getUser(idOrLogin);
    if (user.status !== 'SUSPENDED') {
      throw validationFailed('status', [`status: Cannot unsuspend a user that is ${user.status}; only SUSPENDED users can be unsuspended`]);
    }
    this.setStatus(user, 'ACTIVE');
    this.log.append(ctx, 'user.lifecycle.unsuspend', 'Unsuspend Okta user', [userTarget(user)]);
    return user;
  }

  /** `lifecycle/reactivate`: PROVISIONED or RECOVERY only, restarting activation; else 403 E0000038. */
  reactivate(idOrLogin: string, ctx: OperationContext): UserRecord {
    const user = this.getUser(idOrLogin);
    if (user.status !== 'PROVISIONED' && user.status !== 'RECOVERY') {
      throw wrongStatus();
    }
    this.setStatus(user, 'PROVISIONED');
    this.log.append(ctx, 'user.lifecycle.reactivate', 'Reactivate Okta user', [userTarget(user)]);
    // Okta's help lists reactivation among the events that trigger group rules.
    this.applyRules(user);
    return user;
  }

  /**
   * `DELETE /api/v1/users/{id}`: deactivates a user that is not DEPROVISIONED (a second DELETE is needed),
   * deletes a DEPROVISIONED one. Returns whether the user is now gone.
   */
  deleteUser(idOrLogin: string, ctx: OperationContext): boolean {
    const user = this.getUser(idOrLogin);
    if (user.status !== 'DEPROVISIONED') {
      this.deactivate(user.id, ctx);
      return false;
    }
    this.log.append(ctx, 'user.lifecycle.delete.initiated', 'Delete Okta user', [userTarget(user)]);
    for (const members of this.state.memberships.values()) {
      members.delete(user.id);
    }
    this.rules.forget(user.id);
    this.state.users.delete(user.id);
    this.state.searchIndex.remove(user.id);
    return true;
  }

  /**
   * `PUT /api/v1/groups/{gid}/users/{uid}`. Adding an existing member succeeds again without a new event:
   * the spec does not say (docs/reference/okta-management-api.md §2.4), PUT semantics suggest it.
   */
  addMember(groupId: string, userId: string, ctx: OperationContext): void {
    const group = this.getGroup(groupId);
    const user = this.getUserById(userId);
    this.assertMembershipManageable(group);
    if (!this.state.membersOf(group.id).has(user.id)) {
      this.addMemberUnchecked(group, user, ctx);
    }
  }

  /**
   * `DELETE /api/v1/groups/{gid}/users/{uid}`; removing a non-member succeeds without an event (assumed).
   * Removing a member a group rule manages succeeds too, and puts the user on that rule's exclusion list, as Okta's
   * help describes for manual removal ("About manual group user management"); see `group-rules.ts`.
   */
  removeMember(groupId: string, userId: string, ctx: OperationContext): void {
    const group = this.getGroup(groupId);
    const user = this.getUserById(userId);
    this.assertMembershipManageable(group);
    const members = this.state.membersOf(group.id);
    if (members.delete(user.id)) {
      this.rules.removedManually(group.id, user.id);
      group.lastMembershipUpdated = new Date().toISOString();
      this.log.append(ctx, 'group.user_membership.remove', 'Remove user from group membership', [userTarget(user), groupTarget(group)]);
    }
  }

  /**
   * Adds an ACTIVE group rule and runs it over every user, as activating a rule in Okta does. Throws for an
   * expression outside the supported subset, an unknown group or a duplicate name.
   */
  addGroupRule(seed: GroupRuleSeed): GroupRuleView {
    const rule = this.rules.add(seed);
    for (const user of [...this.state.users.values()]) {
      this.applyRules(user);
    }
    return rule;
  }

  /** Group ids a user belongs to, including the built-in Everyone group, which holds every user. */
  groupsOf(userId: string): GroupRecord[] {
    const user = this.getUserById(userId);
    return [...this.state.groups.values()].filter((g) => g.type === 'BUILT_IN' || this.state.memberships.get(g.id)?.has(user.id));
  }

  /** Members of a group; Everyone lists every user. */
  membersOf(groupId: string): UserRecord[] {
    const group = this.getGroup(groupId);
    if (group.type === 'BUILT_IN') {
      return [...this.state.users.values()];
    }
    return [...this.state.membersOf(group.id)].map((uid) => this.state.users.get(uid)).filter((u): u is UserRecord => u !== undefined);
  }

  private getUserById(userId: string): UserRecord {
    const user = this.state.users.get(userId);
    if (!user) {
      throw notFound(userId, 'User');
    }
    return user;
  }

  private addMemberUnchecked(group: GroupRecord, user: UserRecord, ctx: OperationContext): void {
    this.state.membersOf(group.id).add(user.id);
    group.lastMembershipUpdated = new Date().toISOString();
    this.log.append(ctx, 'group.user_membership.add', 'Add user to group membership', [userTarget(user), groupTarget(group)]);
  }

  /** Only OKTA_GROUP memberships change through the API (docs/reference/okta-management-api.md §2.1); the error code for others is assumed. */
  private assertMembershipManageable(group: GroupRecord): void {
    if (group.type !== 'OKTA_GROUP') {
      throw validationFailed('group', [`group: ${group.profile.name} is a ${group.type}; only OKTA_GROUP memberships can be managed through the API`]);
    }
  }

  private transitionToActivated(user: UserRecord, ctx: OperationContext): void {
    const now = new Date().toISOString();
    this.setStatus(user, user.hasCredential ? 'ACTIVE' : 'PROVISIONED');
    user.activated = now;
    this.log.append(ctx, 'user.lifecycle.activate', 'Activate Okta user', [userTarget(user)]);
    this.applyRules(user);
  }

  /**
   * Re-evaluates the group rules for a user and applies the result as one Okta System job: each change is a
   * `group.user_membership.add` / `remove` event (hook-eligible, docs/reference/okta-event-hooks.md §4.5) with the System Principal actor,
   * `transaction.type` JOB and the job's own request id, so it never correlates with the API call that triggered it.
   * Okta also logs `group.user_membership.rule.*` types, which are not hook-eligible; the simulator does not emit them.
   * Okta evaluates rules in the background; the simulator does it before the triggering call answers.
   */
  private applyRules(user: UserRecord): void {
    const changes = this.rules.evaluate(user);
    if (changes.add.length === 0 && changes.remove.length === 0) {
      return;
    }
    const job: OperationContext = { actor: OKTA_SYSTEM_ACTOR, requestId: newRequestId(), requestUri: '', transactionType: 'JOB' };
    const now = new Date().toISOString();
    for (const gid of changes.remove) {
      const group = this.getGroup(gid);
      this.state.membersOf(gid).delete(user.id);
      group.lastMembershipUpdated = now;
      this.log.append(job, 'group.user_membership.remove', 'Remove user from group membership', [userTarget(user), groupTarget(group)]);
    }
    for (const gid of changes.add) {
      this.addMemberUnchecked(this.getGroup(gid), user, job);
    }
  }

  private setStatus(user: UserRecord, status: UserStatus): void {
    const now = new Date().toISOString();
    user.status = status;
    user.statusChanged = now;
    user.lastUpdated = now;
    this.state.searchIndex.update(user);
  }
}
