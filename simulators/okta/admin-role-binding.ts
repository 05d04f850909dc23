/**
 * A custom admin role bound to a resource set, the way the identity stack binds the JML service app
 * (`constructs/jml-service-app`, docs/reference/okta-oauth.md §3.2): the permissions say what the app may do, the resources on what.
 */
export interface AdminRoleBinding {
  /** Custom-role permissions such as `okta.users.create` or `okta.groups.members.manage`. */
  readonly permissions: readonly string[];
  /**
   * Resource-set REST URLs of this org: `https://<org>/api/v1/users` (all users), `/api/v1/groups` (all groups),
   * `/api/v1/groups/<gid>` (a group) and `/api/v1/groups/<gid>/users` (the users in a group). A URL of another origin
   * grants nothing, like a resource of another org. A bare path (`/api/v1/groups/<gid>`) means this org, for bindings
   * given in options before the OS has chosen the port. ORNs are not supported.
   */
  readonly resources: readonly string[];
}

/** Permissions the simulator knows (docs/reference/okta-oauth.md §3.2 table). A typo in a test must fail, not silently deny. */
const KNOWN_PERMISSIONS = new Set([
  'okta.users.create',
  'okta.users.read',
  'okta.users.manage',
  'okta.users.userprofile.manage',
  'okta.users.lifecycle.manage',
  'okta.users.lifecycle.activate',
  'okta.users.lifecycle.deactivate',
  'okta.users.lifecycle.suspend',
  'okta.users.lifecycle.unsuspend',
  'okta.users.lifecycle.delete',
  'okta.users.lifecycle.unlock',
  'okta.users.lifecycle.clearSessions',
  'okta.users.groupMembership.manage',
  'okta.groups.create',
  'okta.groups.read',
  'okta.groups.manage',
  'okta.groups.members.manage',
  'okta.workflows.invoke',
]);

/**
 * What a broader permission includes. "Full user/group management" and "any user lifecycle operation" are read as
 * including the narrower permissions of the same family (assumed from the docs/reference/okta-oauth.md §3.2 descriptions).
 */
const IMPLIED_BY: Readonly<Record<string, readonly string[]>> = {
  'okta.users.manage': [
    'okta.users.create',
    'okta.users.read',
    'okta.users.userprofile.manage',
    'okta.users.lifecycle.manage',
    'okta.users.groupMembership.manage',
  ],
  'okta.users.lifecycle.manage': [
    'okta.users.lifecycle.activate',
    'okta.users.lifecycle.deactivate',
    'okta.users.lifecycle.suspend',
    'okta.users.lifecycle.unsuspend',
    'okta.users.lifecycle.delete',
    'okta.users.lifecycle.unlock',
    'okta.users.lifecycle.clearSessions',
  ],
  'okta.groups.manage': ['okta.groups.create', 'okta.groups.read', 'okta.groups.members.manage'],
};

/** A resource-set entry, by kind; `origin` is '' for a bare path, which means this org. */
export type RoleResource =
  | { readonly origin: string; readonly kind: 'all-users' | 'all-groups' }
  | { readonly origin: string; readonly kind: 'group' | 'group-users'; readonly groupId: string };

/** A binding checked and expanded once, when it is configured. */
export interface ParsedRole {
  readonly permissions: ReadonlySet<string>;
  readonly resources: readonly RoleResource[];
}

/** Validates a binding; throws an error naming the bad permission or resource and the accepted forms. */
export function parseRoleBinding(clientId: string, binding: AdminRoleBinding): ParsedRole {
  const permissions = new Set<string>();
  const expand = (permission: string): void => {
    permissions.add(permission);
    for (const implied of IMPLIED_BY[permission] ?? []) {
      expand(implied);
    }
  };
  for (const permission of binding.permissions) {
    if (!KNOWN_PERMISSIONS.has(permission)) {
      throw new Error(
        `admin role of client ${clientId}: ${JSON.stringify(permission)} is not a custom-role permission the simulator knows; use some of ${[...KNOWN_PERMISSIONS].join(', ')}`,
      );
    }
    expand(permission);
  }
  return { permissions, resources: binding.resources.map((r) => parseResource(clientId, r)) };
}

function parseResource(clientId: string, resource: string): RoleResource {
  const refuse = (why: string): never => {
    throw new Error(
      `admin role of client ${clientId}: resource ${JSON.stringify(resource)} ${why}; use https://<org>/api/v1/users, ` +
        '/api/v1/groups, /api/v1/groups/<gid> or /api/v1/groups/<gid>/users',
    );
  };
  const bare = /^\/(?!\/)/.test(resource);
  let url: URL;
  try {
    url = bare ? new URL(resource, 'http://this-org.invalid') : new URL(resource);
  } catch {
    return refuse('is not a URL (ORNs are not supported)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse('is not an http(s) URL (ORNs are not supported)');
  }
  const origin = bare ? '' : url.origin;
  const path = url.pathname.replace(/\/$/, '');
  if (path === '/api/v1/users') {
    return { origin, kind: 'all-users' };
  }
  if (path === '/api/v1/groups') {
    return { origin, kind: 'all-groups' };
  }
  const group = /^\/api\/v1\/groups\/([A-Za-z0-9]+)(\/users)?$/.exec(path);
  if (!group) {
    return refuse('is not a user or group resource');
  }
  return { origin, kind: group[2] ? 'group-users' : 'group', groupId: group[1] };
}
