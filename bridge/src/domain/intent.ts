import { ManagedGroupSet } from './managed-groups';

/** One reason a request asks for more than the bridge may do. */
export interface IntentViolation {
  readonly field: string;
  readonly message: string;
}

/**
 * Field names that would ask for an administrator role. The JML service app holds no role-management scope, so Okta
 * would refuse these too; refusing them here, before any Okta call, makes the refusal explicit and audited.
 */
const ADMIN_ROLE_FIELDS = new Set(['adminroles', 'adminrole', 'roles', 'role', 'roleassignments', 'privileges', 'superadmin', 'admin']);

/**
 * Checks that a parsed request body stays inside the least-privilege envelope: only managed groups, no admin roles.
 *
 * Runs on the raw parsed JSON (before schema validation) so that a forbidden field is reported as a privilege refusal
 * rather than as an anonymous "unknown property".
 */
export function checkIntent(body: unknown, managedGroups: ManagedGroupSet): IntentViolation[] {
  const violations: IntentViolation[] = [];
  findAdminRoleFields(body, '', violations);
  if (isRecord(body) && Array.isArray(body.groups)) {
    body.groups.forEach((name, index) => {
      if (typeof name !== 'string') {
        return;
      }
      if (!managedGroups.has(name)) {
        violations.push({
          field: `groups[${index}]`,
          message: `group '${name}' is not in the managed set of this environment; the bridge manages ${managedGroups.summary()}`,
        });
      } else if (name === managedGroups.population) {
        violations.push({
          field: `groups[${index}]`,
          message: `group '${name}' is the population group; every user the bridge onboards joins it automatically, remove it from the request`,
        });
      } else if (managedGroups.isBirthright(name)) {
        violations.push({
          field: `groups[${index}]`,
          message: `group '${name}' is a birthright group filled by an Okta group rule; set user.department or user.title instead of naming it`,
        });
      }
    });
  }
  return violations;
}

function findAdminRoleFields(value: unknown, path: string, out: IntentViolation[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => findAdminRoleFields(item, `${path}[${index}]`, out));
    return;
  }
  if (!isRecord(value)) {
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (ADMIN_ROLE_FIELDS.has(key.toLowerCase())) {
      out.push({
        field: childPath,
        message: `admin roles cannot be requested through the JML bridge; remove '${childPath}' and request privileged access through Okta Identity Governance`,
      });
    } else {
      findAdminRoleFields(child, childPath, out);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
