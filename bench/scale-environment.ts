import type { EnvironmentInput } from '../config/schema';

/** How many server-access groups share one OPA resource group (one per team of about this many server groups). */
export const SERVER_GROUPS_PER_RESOURCE_GROUP = 10;

/**
 * The example environment grown to a large tenant: `size` departments and as many roles and server-access groups,
 * with every other section that exists in the example scaled to match:
 *
 * - governance: one request condition per server-access group (requested by its department and role), each a copy of
 *   the example's first condition, so approval sequences still resolve through the example's lookups file;
 * - privileged access: one resource group per {@link SERVER_GROUPS_PER_RESOURCE_GROUP} server-access groups, each a
 *   copy of the example's first resource group with its delegated admins and policy principals pointed at its groups;
 * - ServiceNow and the bridge derive their choices and managed groups from `identity`, so they grow with it.
 *
 * The name stays `example` (the lookups file is per environment name); only the stack contents grow.
 * Sections the example does not declare stay absent, so the benchmark measures what the example exercises.
 */
export function scaleEnvironment(example: Record<string, any>, size: number): EnvironmentInput {
  const raw = structuredClone(example);
  // The name stays `example` so governance resolves approval sequences from the committed example.lookups.json.
  raw.identity.departments = Array.from({ length: size }, (_, i) => ({ key: `dept-${i}`, value: `Department ${i}` }));
  raw.identity.roles = Array.from({ length: size }, (_, i) => ({ key: `role-${i}`, value: `Role ${i}` }));
  raw.identity.serverAccessGroups = Array.from({ length: size }, (_, i) => ({ key: `srv-${i}`, description: `Servers ${i}` }));
  if (raw.governance) {
    raw.governance = scaleGovernance(
      raw.governance,
      size,
      (i) => i,
      (i) => i,
    );
  }
  if (raw.privilegedAccess) {
    raw.privilegedAccess = scalePrivilegedAccess(raw.privilegedAccess, size);
  }
  return raw as EnvironmentInput;
}

/**
 * Birthright groups (departments plus roles) a within-limits tenant declares: each takes one group rule, and Okta
 * allows 2,000 per org (docs/service-limits.md), so ten are left for rules the org already has.
 */
export const BIRTHRIGHT_BUDGET = 1990;

/**
 * A tenant of exactly `managedGroups` managed groups that stays inside every documented service limit: the population,
 * {@link BIRTHRIGHT_BUDGET} birthright groups (half departments, half roles, each with its rule), and server-access
 * groups for the rest, each requestable through its own request condition (by a department and a role) and in an OPA
 * resource group of {@link SERVER_GROUPS_PER_RESOURCE_GROUP}. `shards` identity shards keep each plan bounded.
 */
export function managedGroupsEnvironment(example: Record<string, any>, managedGroups: number, shards = 1): EnvironmentInput {
  const birthright = Math.min(BIRTHRIGHT_BUDGET, Math.max(2, managedGroups - 2));
  const departments = Math.ceil(birthright / 2);
  const roles = birthright - departments;
  const servers = managedGroups - 1 - departments - roles;
  const raw = structuredClone(example);
  raw.identity.shards = shards;
  raw.identity.departments = Array.from({ length: departments }, (_, i) => ({ key: `dept-${i}`, value: `Department ${i}` }));
  raw.identity.roles = Array.from({ length: roles }, (_, i) => ({ key: `role-${i}`, value: `Role ${i}` }));
  raw.identity.serverAccessGroups = Array.from({ length: servers }, (_, i) => ({ key: `srv-${i}`, description: `Servers ${i}` }));
  if (raw.governance)
    raw.governance = scaleGovernance(
      raw.governance,
      servers,
      (i) => i % departments,
      (i) => i % roles,
    );
  if (raw.privilegedAccess) raw.privilegedAccess = scalePrivilegedAccess(raw.privilegedAccess, servers);
  return raw as EnvironmentInput;
}

function scaleGovernance(governance: Record<string, any>, size: number, department: (i: number) => number, role: (i: number) => number): Record<string, any> {
  const [template] = governance.conditions as Record<string, any>[];
  const conditions = Array.from({ length: size }, (_, i) => ({
    ...template,
    key: `srv-${i}-request`,
    description: `Requests for server-access group srv-${i}`,
    accessScope: [`srv-${i}`],
    requesters: { departments: [`dept-${department(i)}`], roles: [`role-${role(i)}`] },
  }));
  return { ...governance, conditions };
}

function scalePrivilegedAccess(pam: Record<string, any>, size: number): Record<string, any> {
  const [template] = pam.resourceGroups as Record<string, any>[];
  const count = Math.max(1, Math.ceil(size / SERVER_GROUPS_PER_RESOURCE_GROUP));
  const resourceGroups = Array.from({ length: count }, (_, g) => {
    const first = g * SERVER_GROUPS_PER_RESOURCE_GROUP;
    const members = Array.from({ length: Math.min(SERVER_GROUPS_PER_RESOURCE_GROUP, size - first) }, (_, j) => `srv-${first + j}`);
    return {
      ...structuredClone(template),
      key: `rg-${g}`,
      ...(template.name !== undefined ? { name: `rg-${g}` } : {}),
      delegatedAdmins: members.slice(0, 1),
      policies: (template.policies as Record<string, any>[]).map((policy) => ({ ...structuredClone(policy), principals: members })),
    };
  });
  // AD account rules name a resource group and one of its projects: point them at the first copy of the template.
  const projects = ((template.projects ?? []) as Record<string, any>[]).map((project) => project.key ?? project.name);
  const adAccounts = pam.adAccounts?.rules
    ? {
        ...pam.adAccounts,
        rules: (pam.adAccounts.rules as Record<string, any>[]).map((rule) => ({
          ...rule,
          resourceGroup: 'rg-0',
          ...(rule.project !== undefined ? { project: projects.includes(rule.project) ? rule.project : projects[0] } : {}),
        })),
      }
    : pam.adAccounts;
  return { ...pam, resourceGroups, ...(adAccounts ? { adAccounts } : {}) };
}
