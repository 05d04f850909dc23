import type { HttpResult } from '../http-kit/http';
import type { OktaRequestContext, OktaRoute, OktaServices } from './context';
import { invalidSearch } from './errors';
import type { GroupRecord } from './model';
import { paginate } from './pagination';
import { comparisons, evaluate, parseExpression, resolvePath } from './query';
import { groupView, userView } from './views';

/** Group endpoints: lookup by name or id, members, and OKTA_GROUP membership changes (docs/reference/okta-management-api.md §2.1). */

const READ = { scope: 'okta.groups.read' };
const MANAGE = { scope: 'okta.groups.manage' };
const SEARCH_ATTRIBUTES = new Set(['id', 'type', 'created', 'lastUpdated', 'lastMembershipUpdated']);

function listGroups(ctx: OktaRequestContext, services: OktaServices): HttpResult {
  const all = [...services.state.groups.values()];
  const q = ctx.url.searchParams.get('q');
  const search = ctx.url.searchParams.get('search') ?? ctx.url.searchParams.get('filter');
  let selected: GroupRecord[] = all;
  if (q !== null) {
    // q is a case-insensitive startsWith on the group name.
    selected = all.filter((g) => g.profile.name.toLowerCase().startsWith(q.toLowerCase()));
  } else if (search !== null) {
    const expr = parseExpression(search);
    for (const cmp of comparisons(expr)) {
      if (!SEARCH_ATTRIBUTES.has(cmp.attribute) && !cmp.attribute.startsWith('profile.')) {
        throw invalidSearch(`group search does not support ${cmp.attribute}; use profile.*, id, type or a date attribute`);
      }
    }
    selected = all.filter((g) => evaluate(expr, (attr) => resolvePath(g, attr), true));
  }
  services.roles.requirePermission(ctx, 'okta.groups.read');
  selected = services.roles.visibleGroups(ctx, selected);
  const orgUrl = services.orgUrl();
  const page = paginate(selected, (g) => g.id, ctx.url, orgUrl, 10_000, 10_000);
  return { status: 200, headers: { Link: page.linkHeader }, body: page.items.map((g) => groupView(g, orgUrl)) };
}

function listMembers(ctx: OktaRequestContext, services: OktaServices): HttpResult {
  services.roles.requireGroupRead(ctx, services.directory.getGroup(ctx.params.groupId));
  const members = services.directory.membersOf(ctx.params.groupId);
  const orgUrl = services.orgUrl();
  const page = paginate(members, (u) => u.id, ctx.url, orgUrl, 1000, 1000);
  return { status: 200, headers: { Link: page.linkHeader }, body: page.items.map((u) => userView(u, orgUrl)) };
}

/** Unknown group or user answer 404 first (as without a role); then the caller's role must cover both. */
function checkMembershipChange(ctx: OktaRequestContext, services: OktaServices): void {
  const group = services.directory.getGroup(ctx.params.groupId);
  const user = services.directory.getUser(ctx.params.userId);
  services.roles.requireMembershipChange(ctx, group, user);
}

export const groupRoutes: readonly OktaRoute[] = [
  { method: 'GET', path: '/api/v1/groups', bucket: 'groups-create-list', auth: READ, checksAdminRole: true, handle: listGroups },
  {
    method: 'GET',
    path: '/api/v1/groups/:groupId',
    bucket: 'group-by-id',
    auth: READ,
    checksAdminRole: true,
    handle: (ctx, services) => {
      const group = services.directory.getGroup(ctx.params.groupId);
      services.roles.requireGroupRead(ctx, group);
      return { status: 200, body: groupView(group, services.orgUrl()) };
    },
  },
  { method: 'GET', path: '/api/v1/groups/:groupId/users', bucket: 'group-by-id', auth: READ, checksAdminRole: true, handle: listMembers },
  {
    method: 'PUT',
    path: '/api/v1/groups/:groupId/users/:userId',
    bucket: 'group-by-id',
    auth: MANAGE,
    checksAdminRole: true,
    handle: (ctx, services) => {
      checkMembershipChange(ctx, services);
      services.directory.addMember(ctx.params.groupId, ctx.params.userId, ctx.op());
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/groups/:groupId/users/:userId',
    bucket: 'group-by-id',
    auth: MANAGE,
    checksAdminRole: true,
    handle: (ctx, services) => {
      checkMembershipChange(ctx, services);
      services.directory.removeMember(ctx.params.groupId, ctx.params.userId, ctx.op());
      return { status: 204 };
    },
  },
];
