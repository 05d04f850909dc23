import type { OktaRoute, OktaServices } from './context';
import { notFound } from './errors';
import { paginate } from './pagination';

/**
 * Read-only routes over the org's configuration, for adoption (`tools/adopt`). Paths, scopes and field names follow
 * developer.okta.com (Groups rules, Apps, Application grants, Custom roles, Resource sets, Client role assignments,
 * Event hooks, Identity Governance request conditions). Assumed where the docs are silent: page sizes (rules 50 by
 * default, 200 at most), the `groups: [{ id }]` shape of condition settings, and the scope of request settings.
 */

const GROUPS_READ = { scope: 'okta.groups.read' };
const APPS_READ = { scope: 'okta.apps.read' };
const ROLES_READ = { scope: 'okta.roles.read' };
const HOOKS_READ = { scope: 'okta.eventHooks.read' };
const CONDITIONS_READ = { scope: 'okta.accessRequests.condition.read' };

function groupRuleViews(services: OktaServices): Record<string, unknown>[] {
  const now = new Date(0).toISOString();
  const view = (id: string, name: string, status: string, expression: string, groupIds: readonly string[], excluded: readonly string[]) => ({
    type: 'group_rule',
    id,
    status,
    name,
    created: now,
    lastUpdated: now,
    conditions: {
      people: { users: { exclude: [...excluded] }, groups: { exclude: [] } },
      expression: { value: expression, type: 'urn:okta:expression:1.0' },
    },
    actions: { assignUserToGroups: { groupIds: [...groupIds] } },
  });
  const inventory = services.state.inventory;
  return [
    ...services.directory.rules.list().map((r) => view(r.id, r.name, 'ACTIVE', r.expression, [r.groupId], r.excludedUserIds)),
    ...inventory.inertRules.map((r) => view(r.id, r.name, r.status, r.expression, inventory.inertRuleGroups.get(r.id) ?? [], [])),
  ];
}

function oauthAppView(services: OktaServices, appId: string): Record<string, unknown> | undefined {
  const app = services.state.inventory.oauthApps.get(appId);
  if (!app) return undefined;
  const orgUrl = services.orgUrl();
  return {
    id: app.id,
    name: 'oidc_client',
    label: app.label,
    status: 'ACTIVE',
    signOnMode: 'OPENID_CONNECT',
    credentials: { oauthClient: { client_id: app.clientId, token_endpoint_auth_method: app.tokenEndpointAuthMethod, autoKeyRotation: true } },
    settings: {
      oauthClient: {
        application_type: app.applicationType,
        grant_types: [...app.grantTypes],
        response_types: ['token'],
        jwks: { keys: app.jwks.map((key) => ({ ...key })) },
      },
    },
    _links: { self: { href: `${orgUrl}/api/v1/apps/${app.id}` } },
  };
}

export const inventoryRoutes: readonly OktaRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/groups/rules',
    bucket: 'groups-create-list',
    auth: GROUPS_READ,
    handle: (ctx, services) => {
      const page = paginate(groupRuleViews(services), (r) => r.id as string, ctx.url, services.orgUrl(), 50, 200);
      return { status: 200, headers: { Link: page.linkHeader }, body: page.items };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/apps/:appId',
    bucket: 'other',
    auth: APPS_READ,
    handle: (ctx, services) => {
      const detailed = oauthAppView(services, ctx.params.appId);
      if (detailed) return { status: 200, body: detailed };
      const app = services.state.apps.get(ctx.params.appId);
      if (!app) throw notFound(ctx.params.appId, 'AppInstance');
      return { status: 200, body: { id: app.id, name: app.name, label: app.label, status: app.status, signOnMode: app.signOnMode } };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/apps/:appId/groups',
    bucket: 'other',
    auth: APPS_READ,
    handle: (ctx, services) => {
      if (!services.state.apps.has(ctx.params.appId)) throw notFound(ctx.params.appId, 'AppInstance');
      const orgUrl = services.orgUrl();
      const assigned = (services.state.inventory.appGroups.get(ctx.params.appId) ?? []).map((groupId, priority) => ({
        id: groupId,
        priority,
        profile: {},
        _links: { group: { href: `${orgUrl}/api/v1/groups/${groupId}` } },
      }));
      const page = paginate(assigned, (a) => a.id, ctx.url, orgUrl, 20, 200);
      return { status: 200, headers: { Link: page.linkHeader }, body: page.items };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/apps/:appId/grants',
    bucket: 'other',
    auth: APPS_READ,
    handle: (ctx, services) => {
      const app = services.state.inventory.oauthApps.get(ctx.params.appId);
      if (!app) throw notFound(ctx.params.appId, 'AppInstance');
      const orgUrl = services.orgUrl();
      return {
        status: 200,
        body: app.grantedScopes.map((scopeId, i) => ({
          id: `oag${app.id.slice(3, 14)}${String(i).padStart(6, '0')}`,
          status: 'ACTIVE',
          issuer: orgUrl,
          clientId: app.clientId,
          scopeId,
          source: 'ADMIN',
        })),
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/iam/roles',
    bucket: 'other',
    auth: ROLES_READ,
    handle: (ctx, services) => {
      const orgUrl = services.orgUrl();
      const page = paginate(services.state.inventory.roles, (r) => r.id, ctx.url, orgUrl, 20, 100);
      return {
        status: 200,
        body: {
          roles: page.items.map((r) => ({ id: r.id, label: r.label, description: r.description })),
          _links: page.next ? { next: { href: page.next } } : {},
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/iam/roles/:roleId/permissions',
    bucket: 'other',
    auth: ROLES_READ,
    handle: (ctx, services) => {
      const role = services.state.inventory.roles.find((r) => r.id === ctx.params.roleId || r.label === ctx.params.roleId);
      if (!role) throw notFound(ctx.params.roleId, 'Role');
      return { status: 200, body: { permissions: role.permissions.map((label) => ({ label })) } };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/iam/resource-sets',
    bucket: 'other',
    auth: ROLES_READ,
    handle: (ctx, services) => {
      const orgUrl = services.orgUrl();
      const page = paginate(services.state.inventory.resourceSets, (r) => r.id, ctx.url, orgUrl, 20, 100);
      return {
        status: 200,
        body: {
          'resource-sets': page.items.map((r) => ({ id: r.id, label: r.label, description: r.description })),
          _links: page.next ? { next: { href: page.next } } : {},
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/iam/resource-sets/:resourceSetId/resources',
    bucket: 'other',
    auth: ROLES_READ,
    handle: (ctx, services) => {
      const set = services.state.inventory.resourceSets.find((r) => r.id === ctx.params.resourceSetId);
      if (!set) throw notFound(ctx.params.resourceSetId, 'ResourceSet');
      return {
        status: 200,
        body: { resources: set.resources.map((href, i) => ({ id: `ire${String(i).padStart(17, '0')}`, _links: { self: { href } } })), _links: {} },
      };
    },
  },
  {
    method: 'GET',
    path: '/oauth2/v1/clients/:clientId/roles',
    bucket: 'other',
    auth: ROLES_READ,
    handle: (ctx, services) => ({
      status: 200,
      body: (services.state.inventory.clientRoles.get(ctx.params.clientId) ?? []).map((a) => ({
        id: a.id,
        type: 'CUSTOM',
        status: 'ACTIVE',
        assignmentType: 'CLIENT',
        role: a.role,
        'resource-set': a.resourceSet,
      })),
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/eventHooks',
    bucket: 'other',
    auth: HOOKS_READ,
    handle: (_ctx, services) => ({
      status: 200,
      body: services.state.inventory.eventHooks.map((hook) => ({
        id: hook.id,
        status: hook.status,
        verificationStatus: 'VERIFIED',
        name: hook.name,
        events: { type: 'EVENT_TYPE', items: [...hook.events] },
        channel: { type: 'HTTP', version: '1.0.0', config: { uri: hook.url, headers: [], authScheme: { type: 'HEADER', key: hook.authHeaderKey } } },
      })),
    }),
  },
  {
    method: 'GET',
    path: '/governance/api/v2/resources/:resourceId/request-conditions',
    bucket: 'other',
    auth: CONDITIONS_READ,
    handle: (ctx, services) => {
      const resourceId = ctx.params.resourceId;
      if (!services.state.apps.has(resourceId)) throw notFound(resourceId, 'Resource');
      const orgUrl = services.orgUrl();
      const conditions = (services.state.inventory.conditions.get(resourceId) ?? []).map((c) => ({
        id: c.id,
        resourceId,
        name: c.name,
        description: c.description,
        priority: c.priority,
        status: c.status,
        approvalSequenceId: c.approvalSequenceId,
        accessScopeSettings: { type: 'GROUPS', groups: c.accessScopeGroups.map((id) => ({ id })) },
        requesterSettings: c.requesterGroups.length > 0 ? { type: 'GROUPS', groups: c.requesterGroups.map((id) => ({ id })) } : { type: 'EVERYONE' },
        accessDurationSettings: { type: c.durationType, duration: c.accessDuration },
      }));
      const page = paginate(conditions, (c) => c.id, ctx.url, orgUrl, 200, 200);
      return { status: 200, body: { data: page.items, _links: page.next ? { next: { href: page.next } } : {} } };
    },
  },
  {
    method: 'GET',
    path: '/governance/api/v2/resources/:resourceId/request-settings',
    bucket: 'other',
    auth: CONDITIONS_READ,
    handle: (ctx, services) => {
      const resourceId = ctx.params.resourceId;
      if (!services.state.apps.has(resourceId)) throw notFound(resourceId, 'Resource');
      const settings = services.state.inventory.requestSettings.get(resourceId) ?? { requestOnBehalfOf: false };
      return { status: 200, body: { requestOnBehalfOfSettings: { allowed: settings.requestOnBehalfOf } } };
    },
  },
];
