import { notFound } from './errors';
import type { Project, ResourceGroup } from './model';
import { listOf, ok, RESOURCE_ADMIN, SECURITY_ADMIN, type OpaRequest, type OpaRoute } from './route';
import type { OpaState } from './state';

/** The resource group `:resourceGroupId`, or 404. */
export function resourceGroupOf(state: OpaState, id: string | undefined): ResourceGroup {
  const group = id === undefined ? undefined : state.resourceGroups.get(id);
  if (!group) throw notFound(`resource group ${String(id)}`);
  return group;
}

/** The project `:projectId` of resource group `:resourceGroupId`, or 404 (a project of another group is not found). */
export function projectOf(state: OpaState, params: Readonly<Record<string, string>>): Project {
  resourceGroupOf(state, params.resourceGroupId);
  const project = state.projects.get(params.projectId ?? '');
  if (!project || project.resource_group !== params.resourceGroupId) throw notFound(`project ${String(params.projectId)}`);
  return project;
}

const RG = '/v1/teams/:team/resource_groups';

/** Read side of resource groups, projects and security policies (seeded; the oktapam provider writes them). */
export const resourceGroupRoutes: readonly OpaRoute[] = [
  {
    method: 'GET',
    path: RG,
    roles: [...RESOURCE_ADMIN, ...SECURITY_ADMIN, 'delegated_resource_admin'],
    handle: ({ state }) => listOf([...state.resourceGroups.values()]),
  },
  {
    method: 'GET',
    path: `${RG}/:resourceGroupId`,
    roles: [...RESOURCE_ADMIN, ...SECURITY_ADMIN, 'delegated_resource_admin'],
    handle: ({ state, params }) => ok(resourceGroupOf(state, params.resourceGroupId)),
  },
  {
    method: 'GET',
    path: `${RG}/:resourceGroupId/projects`,
    roles: [...RESOURCE_ADMIN, ...SECURITY_ADMIN, 'delegated_resource_admin'],
    handle: ({ state, params }: OpaRequest) => {
      resourceGroupOf(state, params.resourceGroupId);
      return listOf([...state.projects.values()].filter((p) => p.resource_group === params.resourceGroupId));
    },
  },
  {
    method: 'GET',
    path: `${RG}/:resourceGroupId/projects/:projectId`,
    roles: [...RESOURCE_ADMIN, ...SECURITY_ADMIN, 'delegated_resource_admin'],
    handle: ({ state, params }) => ok(projectOf(state, params)),
  },
  {
    method: 'GET',
    path: `${RG}/:resourceGroupId/projects/:projectId/server_password_settings`,
    roles: [...RESOURCE_ADMIN, 'delegated_resource_admin'],
    handle: ({ state, params }) => {
      const project = projectOf(state, params);
      const settings = state.serverPasswordSettings.get(project.id);
      if (!settings) throw notFound(`server password settings of project ${project.id}`);
      return ok(settings);
    },
  },
  { method: 'GET', path: '/v1/teams/:team/security_policies', roles: SECURITY_ADMIN, handle: ({ state }) => listOf([...state.policies.values()]) },
  {
    method: 'GET',
    path: '/v1/teams/:team/security_policies/:policyId',
    roles: SECURITY_ADMIN,
    handle: ({ state, params }) => {
      const policy = state.policies.get(params.policyId ?? '');
      if (!policy) throw notFound(`security policy ${String(params.policyId)}`);
      return ok(policy);
    },
  },
];
