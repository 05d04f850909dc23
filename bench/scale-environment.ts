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
    raw.governance = scaleGovernance(raw.governance, size);
  }
  if (raw.privilegedAccess) {
    raw.privilegedAccess = scalePrivilegedAccess(raw.privilegedAccess, size);
  }
  return raw as EnvironmentInput;
}

function scaleGovernance(governance: Record<string, any>, size: number): Record<string, any> {
  const [template] = governance.conditions as Record<string, any>[];
  const conditions = Array.from({ length: size }, (_, i) => ({
    ...template,
    key: `srv-${i}-request`,
    description: `Requests for server-access group srv-${i}`,
    accessScope: [`srv-${i}`],
    requesters: { departments: [`dept-${i}`], roles: [`role-${i}`] },
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
  return { ...pam, resourceGroups };
}
