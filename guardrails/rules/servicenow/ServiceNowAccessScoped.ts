import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';

/** Tables the project writes generic records to, reviewed: who may order the catalog item (user criteria). */
const REVIEWED_TABLES = new Set(['user_criteria', 'sc_cat_item_user_criteria_mtom']);

/**
 * ServiceNow access stays named and bounded: every ACL requires a role, no role is an elevated privilege, a
 * password property is private and readable and writable by admins only, and generic records go only to reviewed
 * tables (a record in `sys_user_has_role` or `sys_user_grmember` grants roles).
 */
export function ServiceNowAccessScoped(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource') return Compliance.NOT_APPLICABLE;
  const a = subject.attributes;
  switch (subject.type) {
    case 'servicenow_acl':
      return typeof a.roles === 'string' && a.roles.trim() !== '' ? [] : ['Roles::none'];
    case 'servicenow_role':
      return a.elevated_privilege === true || a.elevated_privilege === 'true' ? ['ElevatedPrivilege::true'] : [];
    case 'servicenow_system_property': {
      const findings: string[] = [];
      const secret = typeof a.type === 'string' && a.type.startsWith('password');
      if (secret && a.is_private !== true && a.is_private !== 'true') findings.push('Private::false');
      for (const attribute of ['read_roles', 'write_roles']) {
        const roles = a[attribute];
        if (secret && roles !== undefined && roles !== 'admin') findings.push(`${attribute}::${String(roles)}`);
      }
      return findings;
    }
    case 'servicenow_record':
      return typeof a.table === 'string' && REVIEWED_TABLES.has(a.table) ? [] : [`Table::${String(a.table)}`];
    default:
      return Compliance.NOT_APPLICABLE;
  }
}
