import { randomBytes } from 'node:crypto';
import type { HttpResult } from '../http-kit/http';
import type { OktaRequestContext, OktaRoute, OktaServices } from './context';
import { HIDDEN_FROM_PLAIN_LIST, type CreateUserInput } from './directory';
import { invalidSearch, malformedBody } from './errors';
import type { UserRecord } from './model';
import { paginate } from './pagination';
import { comparisons, evaluate, parseExpression, resolvePath, type Expression } from './query';
import { groupView, userView } from './views';

/** User endpoints of docs/reference/okta-management-api.md §2.1 / docs/reference/okta-management-api.md §2.2, with the scopes of the spec's security blocks. */

const READ = { scope: 'okta.users.read' };
const MANAGE = { scope: 'okta.users.manage' };

/** Attributes `filter` accepts (docs/reference/okta-management-api.md §2.2); `search` accepts any. */
const FILTER_ATTRIBUTES = new Set(['status', 'lastUpdated', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']);
const CONTAINS_ATTRIBUTES = new Set(['profile.firstName', 'profile.lastName', 'profile.email', 'profile.login']);

function boolParam(url: URL, name: string, fallback: boolean): boolean {
  const value = url.searchParams.get(name);
  if (value === null) {
    return fallback;
  }
  if (value !== 'true' && value !== 'false') {
    throw invalidSearch(`${name} must be true or false, but ${value} was provided`);
  }
  return value === 'true';
}

function bodyObject(ctx: OktaRequestContext): Record<string, unknown> {
  const body = ctx.json();
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw malformedBody('the request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function userAttributes(user: UserRecord): (attribute: string) => unknown[] {
  const flat = { ...user, type: { id: 'oty00000000000000000' } };
  return (attribute) => resolvePath(flat, attribute);
}

function parseFilter(raw: string): Expression {
  const expr = parseExpression(raw);
  for (const cmp of comparisons(expr)) {
    if (!FILTER_ATTRIBUTES.has(cmp.attribute)) {
      throw invalidSearch(`filter does not support ${cmp.attribute}; filter supports ${[...FILTER_ATTRIBUTES].join(', ')}. Use search= for other attributes.`);
    }
    const rangeOp = ['gt', 'ge', 'lt', 'le'].includes(cmp.op);
    if (cmp.op !== 'eq' && !(rangeOp && cmp.attribute === 'lastUpdated')) {
      throw invalidSearch(`filter supports only eq (and gt/ge/lt/le on lastUpdated), not ${cmp.op} on ${cmp.attribute}`);
    }
  }
  return expr;
}

function parseSearch(raw: string): Expression {
  const expr = parseExpression(raw);
  for (const cmp of comparisons(expr)) {
    if (cmp.op === 'co' && !CONTAINS_ATTRIBUTES.has(cmp.attribute)) {
      throw invalidSearch(`search supports co only on ${[...CONTAINS_ATTRIBUTES].join(', ')}, not on ${cmp.attribute}`);
    }
  }
  return expr;
}

function listUsers(ctx: OktaRequestContext, services: OktaServices): HttpResult {
  const all = [...services.state.users.values()];
  const search = ctx.url.searchParams.get('search');
  const filter = ctx.url.searchParams.get('filter');
  const q = ctx.url.searchParams.get('q');
  let selected: UserRecord[];
  let defaultLimit = 200;
  if (search !== null) {
    // search values are case-insensitive, include DEPROVISIONED users, and read the eventually consistent index.
    const expr = parseSearch(search);
    selected = services.state.searchIndex.all().filter((u) => evaluate(expr, userAttributes(u), true));
  } else if (filter !== null) {
    // filter values are case-sensitive and include DEPROVISIONED users.
    const expr = parseFilter(filter);
    selected = all.filter((u) => evaluate(expr, userAttributes(u), false));
  } else if (q !== null) {
    const prefix = q.toLowerCase();
    defaultLimit = 10;
    selected = all.filter(
      (u) =>
        !HIDDEN_FROM_PLAIN_LIST.includes(u.status) &&
        [u.profile.firstName, u.profile.lastName, u.profile.email].some((v) => typeof v === 'string' && v.toLowerCase().startsWith(prefix)),
    );
  } else {
    selected = all.filter((u) => !HIDDEN_FROM_PLAIN_LIST.includes(u.status));
  }
  services.roles.requirePermission(ctx, 'okta.users.read');
  selected = services.roles.visibleUsers(ctx, selected);
  const orgUrl = services.orgUrl();
  const page = paginate(selected, (u) => u.id, ctx.url, orgUrl, defaultLimit, 200);
  return { status: 200, headers: { Link: page.linkHeader }, body: page.items.map((u) => userView(u, orgUrl)) };
}

function createUser(ctx: OktaRequestContext, services: OktaServices): HttpResult {
  const body = bodyObject(ctx) as CreateUserInput;
  const activate = boolParam(ctx.url, 'activate', true);
  services.roles.requireCreate(ctx, Array.isArray(body.groupIds) ? body.groupIds : [], activate);
  const user = services.directory.createUser(body, activate, ctx.op());
  return { status: 200, body: userView(user, services.orgUrl()) };
}

function getUser(ctx: OktaRequestContext, services: OktaServices): HttpResult {
  const user = services.directory.getUser(ctx.params.idOrLogin);
  services.roles.requireUser(ctx, 'okta.users.read', user);
  return { status: 200, body: userView(user, services.orgUrl()) };
}

function updateUser(ctx: OktaRequestContext, services: OktaServices): HttpResult {
  const body = bodyObject(ctx);
  const profile = body.profile;
  if (profile !== undefined && (profile === null || typeof profile !== 'object' || Array.isArray(profile))) {
    throw malformedBody('profile must be a JSON object');
  }
  services.roles.requireUser(ctx, 'okta.users.userprofile.manage', services.directory.getUser(ctx.params.id));
  const user = services.directory.updateProfile(ctx.params.id, profile as Record<string, unknown> | undefined, ctx.op());
  return { status: 200, body: userView(user, services.orgUrl()) };
}

/** Activation answers an activation link when `sendEmail=false`, and `{}` when Okta emails it (the default). */
function activationResult(ctx: OktaRequestContext, services: OktaServices, user: UserRecord): HttpResult {
  if (boolParam(ctx.url, 'sendEmail', true)) {
    return { status: 200, body: {} };
  }
  const token = randomBytes(15).toString('base64url');
  return {
    status: 200,
    body: {
      activationUrl: `${services.orgUrl()}/welcome/${token}`,
      activationToken: token,
      _links: { user: { href: `${services.orgUrl()}/api/v1/users/${user.id}` } },
    },
  };
}

const lifecycle = (name: 'activate' | 'deactivate' | 'suspend' | 'unsuspend' | 'reactivate'): OktaRoute => ({
  method: 'POST',
  path: `/api/v1/users/:id/lifecycle/${name}`,
  // Lifecycle paths have no published bucket (docs/reference/okta-management-api.md §2.6); the simulator counts them with updates.
  bucket: 'user-update',
  auth: MANAGE,
  checksAdminRole: true,
  handle: (ctx, services) => {
    // Reactivation restarts activation, so it is read as needing the activate permission (assumed).
    const permission = `okta.users.lifecycle.${name === 'reactivate' ? 'activate' : name}`;
    services.roles.requireUser(ctx, permission, services.directory.getUser(ctx.params.id));
    const user = services.directory[name](ctx.params.id, ctx.op());
    if (name === 'activate' || name === 'reactivate') {
      return activationResult(ctx, services, user);
    }
    return { status: 200 };
  },
});

export const userRoutes: readonly OktaRoute[] = [
  { method: 'GET', path: '/api/v1/users', bucket: 'users-create-list', auth: READ, checksAdminRole: true, handle: listUsers },
  { method: 'POST', path: '/api/v1/users', bucket: 'users-create-list', auth: MANAGE, checksAdminRole: true, handle: createUser },
  {
    method: 'GET',
    path: '/api/v1/users/:id/groups',
    bucket: 'other',
    auth: READ,
    checksAdminRole: true,
    handle: (ctx, services) => {
      const user = services.directory.getUser(ctx.params.id);
      services.roles.requireUser(ctx, 'okta.users.read', user);
      return { status: 200, body: services.directory.groupsOf(user.id).map((g) => groupView(g, services.orgUrl())) };
    },
  },
  lifecycle('activate'),
  lifecycle('deactivate'),
  lifecycle('suspend'),
  lifecycle('unsuspend'),
  lifecycle('reactivate'),
  { method: 'GET', path: '/api/v1/users/:idOrLogin', bucket: 'user-get', auth: READ, checksAdminRole: true, handle: getUser },
  { method: 'POST', path: '/api/v1/users/:id', bucket: 'user-update', auth: MANAGE, checksAdminRole: true, handle: updateUser },
  {
    method: 'DELETE',
    path: '/api/v1/users/:id',
    bucket: 'user-update',
    auth: MANAGE,
    checksAdminRole: true,
    handle: (ctx, services) => {
      services.roles.requireUser(ctx, 'okta.users.lifecycle.delete', services.directory.getUser(ctx.params.id));
      services.directory.deleteUser(ctx.params.id, ctx.op());
      return { status: 204 };
    },
  },
];
