import { parseRoleBinding, type AdminRoleBinding, type ParsedRole, type RoleResource } from './admin-role-binding';
import type { OktaRequestContext } from './context';
import { forbidden } from './errors';
import type { GroupRecord, UserRecord } from './model';
import type { OktaState } from './state';

/** Why a request of a role-bound client was refused (the 403 body does not say; tests read this). */
export interface RoleRefusal {
  readonly clientId: string;
  readonly method: string;
  readonly path: string;
  readonly reason: string;
}

/**
 * Enforces admin roles on the Management API (docs/reference/okta-oauth.md §3.2: scopes name the action, the role narrows the objects).
 * Only clients with a role binding are checked; SSWS tokens and clients without one act like a super admin, as an
 * org with "Public client app admins" switched on gives them.
 *
 * Scope of a role (assumed from the docs/reference/okta-oauth.md §3.2 descriptions):
 * - users: every user with `/api/v1/users`, else members of a group whose `/groups/<gid>/users` is in the set;
 * - groups: every group with `/api/v1/groups`, else a group whose `/groups/<gid>` or `/groups/<gid>/users` is in the
 *   set may be read, and only a `/groups/<gid>` group may have its members changed.
 * Refusals are 403 E0000006 with Okta's error body and no `WWW-Authenticate` header (that header is for scopes).
 */
export class AdminRoleGuard {
  private readonly roles = new Map<string, ParsedRole>();
  private readonly refused: RoleRefusal[] = [];

  constructor(
    private readonly state: OktaState,
    private readonly orgUrl: () => string,
  ) {}

  /** Binds (or with `undefined`, unbinds) a client's role; throws for an unknown permission or resource form. */
  bind(clientId: string, binding: AdminRoleBinding | undefined): void {
    if (binding === undefined) {
      this.roles.delete(clientId);
      return;
    }
    this.roles.set(clientId, parseRoleBinding(clientId, binding));
  }

  refusals(): readonly RoleRefusal[] {
    return this.refused;
  }

  /** Refuses role-bound clients on routes that do not check roles: a custom role grants nothing it does not name. */
  denyUnchecked(ctx: OktaRequestContext): void {
    if (this.roleOf(ctx)) {
      this.refuse(ctx, 'no custom-role permission covers this endpoint');
    }
  }

  /** A permission that is not about one object (listing); the handler then narrows the result with `visible*`. */
  requirePermission(ctx: OktaRequestContext, permission: string): void {
    const role = this.roleOf(ctx);
    if (role && !role.permissions.has(permission)) {
      this.refuse(ctx, `the role lacks ${permission}`);
    }
  }

  /** A user operation: the permission, on a user inside the role's scope. */
  requireUser(ctx: OktaRequestContext, permission: string, user: UserRecord): void {
    const role = this.roleOf(ctx);
    if (!role) {
      return;
    }
    if (!role.permissions.has(permission)) {
      this.refuse(ctx, `the role lacks ${permission}`);
    }
    if (!this.userInScope(role, user)) {
      this.refuse(ctx, `user ${user.id} is not a member of any group whose /users resource is in the resource set`);
    }
  }

  /** Reading a group: `okta.groups.read` on a group in the set. */
  requireGroupRead(ctx: OktaRequestContext, group: GroupRecord): void {
    const role = this.roleOf(ctx);
    if (!role) {
      return;
    }
    this.requirePermission(ctx, 'okta.groups.read');
    if (!this.groupVisible(role, group)) {
      this.refuse(ctx, `group ${group.id} is not in the resource set`);
    }
  }

  /** Adding or removing a member: `okta.groups.members.manage` on a `/groups/<gid>` resource, for a user in scope. */
  requireMembershipChange(ctx: OktaRequestContext, group: GroupRecord, user: UserRecord): void {
    const role = this.roleOf(ctx);
    if (!role) {
      return;
    }
    this.requirePermission(ctx, 'okta.groups.members.manage');
    if (!this.groupManageable(role, group.id)) {
      this.refuse(ctx, `group ${group.id} is not in the resource set`);
    }
    if (!this.userInScope(role, user)) {
      this.refuse(ctx, `user ${user.id} is not a member of any group whose /users resource is in the resource set`);
    }
  }

  /**
   * Creating a user: `okta.users.create`, every `groupIds` entry a group whose members the role manages, and the new
   * user inside the role's scope (one of those groups has its `/users` in the set, or the set holds all users).
   * "If the admin is also scoped to manage a group, that admin can add the user to the group on creation" (docs/reference/okta-oauth.md §3.2).
   * Creating with `activate=true` also needs the activate permission (assumed).
   */
  requireCreate(ctx: OktaRequestContext, groupIds: readonly string[], activate: boolean): void {
    const role = this.roleOf(ctx);
    if (!role) {
      return;
    }
    this.requirePermission(ctx, 'okta.users.create');
    if (activate) {
      this.requirePermission(ctx, 'okta.users.lifecycle.activate');
    }
    if (groupIds.length > 0) {
      this.requirePermission(ctx, 'okta.groups.members.manage');
    }
    const outside = groupIds.filter((gid) => !this.groupManageable(role, gid));
    if (outside.length > 0) {
      this.refuse(ctx, `groupIds ${outside.join(', ')} are not in the resource set`);
    }
    const scoped = this.has(role, 'all-users') || groupIds.some((gid) => this.hasGroup(role, 'group-users', gid));
    if (!scoped) {
      this.refuse(ctx, 'the new user would be outside the role: groupIds name no group whose /users resource is in the resource set');
    }
  }

  /** The users a role-bound client may see in a list (others are left out, not refused). */
  visibleUsers(ctx: OktaRequestContext, users: UserRecord[]): UserRecord[] {
    const role = this.roleOf(ctx);
    return role ? users.filter((u) => this.userInScope(role, u)) : users;
  }

  visibleGroups(ctx: OktaRequestContext, groups: GroupRecord[]): GroupRecord[] {
    const role = this.roleOf(ctx);
    return role ? groups.filter((g) => this.groupVisible(role, g)) : groups;
  }

  private roleOf(ctx: OktaRequestContext): ParsedRole | undefined {
    const clientId = ctx.principal?.kind === 'oauth' ? ctx.principal.clientId : undefined;
    return clientId === undefined ? undefined : this.roles.get(clientId);
  }

  private userInScope(role: ParsedRole, user: UserRecord): boolean {
    if (this.has(role, 'all-users')) {
      return true;
    }
    return this.resourcesOfOrg(role).some(
      (r) =>
        r.kind === 'group-users' && (this.state.groups.get(r.groupId)?.type === 'BUILT_IN' || (this.state.memberships.get(r.groupId)?.has(user.id) ?? false)),
    );
  }

  private groupVisible(role: ParsedRole, group: GroupRecord): boolean {
    return this.groupManageable(role, group.id) || this.hasGroup(role, 'group-users', group.id);
  }

  private groupManageable(role: ParsedRole, groupId: string): boolean {
    return this.has(role, 'all-groups') || this.hasGroup(role, 'group', groupId);
  }

  private has(role: ParsedRole, kind: 'all-users' | 'all-groups'): boolean {
    return this.resourcesOfOrg(role).some((r) => r.kind === kind);
  }

  private hasGroup(role: ParsedRole, kind: 'group' | 'group-users', groupId: string): boolean {
    return this.resourcesOfOrg(role).some((r) => r.kind === kind && r.groupId === groupId);
  }

  /** Resources of this org only: a URL of another origin is a resource of another org; a bare path is this org's. */
  private resourcesOfOrg(role: ParsedRole): RoleResource[] {
    const origin = new URL(this.orgUrl()).origin;
    return role.resources.filter((r) => r.origin === '' || r.origin === origin);
  }

  private refuse(ctx: OktaRequestContext, reason: string): never {
    this.refused.push({
      clientId: ctx.principal?.clientId ?? '',
      method: ctx.req.method ?? '',
      path: ctx.url.pathname,
      reason,
    });
    throw forbidden();
  }
}
