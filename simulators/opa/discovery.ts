import { newId } from './ids';
import type { AdAccountRule, AdPasswordSettings, DirectoryAccountSeed, EnhancedFilter, ManagedAccount } from './model';
import type { OpaState } from './state';

type DirectoryAccount = DirectoryAccountSeed & { sid: string };

/** Whether `dn` lies inside the OU `ou` (or is it), comparing DNs case-insensitively without spaces after commas. */
export function withinOu(dn: string, ou: string): boolean {
  const norm = (value: string) => value.replace(/,\s+/g, ',').toLowerCase();
  const [a, b] = [norm(dn), norm(ou)];
  return a === b || a.endsWith(`,${b}`);
}

function filterMatches(filter: EnhancedFilter, account: DirectoryAccount): boolean {
  const candidates = filter.field === 'account_name' ? [account.samAccountName] : [...(account.oktaGroups ?? [])];
  const value = filter.value.toLowerCase();
  return candidates.some((candidate) => {
    const c = candidate.toLowerCase();
    if (filter.operator === 'STARTS_WITH') return c.startsWith(value);
    if (filter.operator === 'ENDS_WITH') return c.endsWith(value);
    if (filter.operator === 'CONTAINS') return c.includes(value);
    return c === value;
  });
}

/** A rule covers an account when the account is in one of its OUs and passes every filter of that OU (by index). */
export function ruleCovers(rule: AdAccountRule, account: DirectoryAccount): boolean {
  return rule.organizational_units.some((ou, index) => {
    if (!withinOu(account.distinguishedName, ou)) return false;
    return (rule.enhanced_filters?.[index] ?? []).every((filter) => filterMatches(filter, account));
  });
}

/**
 * Account discovery of one connection (or all): the first rule by priority that covers an imported account brings
 * it under management in that rule's resource group and project; an account no rule covers any more is released.
 * A rule with `enable_initial_password_rotation` rotates the password at once (status ROTATED); without it OPA does
 * not know the password (MISSING_PASSWORD, assumed). Returns the managed accounts of the connection(s).
 */
export function discover(state: OpaState, connectionId?: string, now = new Date()): ManagedAccount[] {
  const connections = connectionId ? [connectionId] : [...state.adConnections.keys()];
  const result: ManagedAccount[] = [];
  for (const id of connections) {
    const connection = state.adConnections.get(id);
    if (!connection) continue;
    const rules = [...(state.rules.get(id) ?? [])].sort((a, b) => a.priority - b.priority);
    for (const account of state.directory.get(id) ?? []) {
      const existing = [...state.accounts.values()].find((a) => a.sid === account.sid && a.domain.id === id);
      const rule = rules.find((r) => ruleCovers(r, account));
      if (!rule) {
        if (existing) state.accounts.delete(existing.id);
        continue;
      }
      const managed = existing ?? bringUnderManagement(account, rule, connection.domain, id, now);
      managed.resource_group = { ...rule.resource_group };
      managed.project = { ...rule.project };
      managed.account_type = rule.rule_type;
      state.accounts.set(managed.id, managed);
      result.push(managed);
    }
  }
  return result;
}

function bringUnderManagement(account: DirectoryAccount, rule: AdAccountRule, domain: string, connectionId: string, now: Date): ManagedAccount {
  const rotated = rule.enable_initial_password_rotation;
  return {
    id: newId(),
    account_name: account.samAccountName,
    account_type: rule.rule_type,
    account_status_detail: rotated ? 'ROTATED' : 'MISSING_PASSWORD',
    match_status: rule.rule_type === 'SHARED' ? 'NOT_APPLICABLE' : 'NO_MATCH',
    distinguished_name: account.distinguishedName,
    sam_account_name: account.samAccountName,
    sid: account.sid,
    ...(account.upn ? { upn: account.upn } : {}),
    ...(account.email ? { email: account.email } : {}),
    ...(account.displayName ? { display_name: account.displayName } : {}),
    domain: { id: connectionId, name: domain, type: 'active_directory_connection' },
    resource_group: { ...rule.resource_group },
    project: { ...rule.project },
    brought_under_management_at: now.toISOString(),
    ...(rotated ? { last_rotation_at: now.toISOString() } : {}),
  };
}

/** Whether the project's AD password settings rotate this account periodically (selector ALL / INCLUDE / EXCLUDE). */
export function rotatesPeriodically(settings: AdPasswordSettings | undefined, account: ManagedAccount): boolean {
  if (!settings?.enable_periodic_rotation) return false;
  const listed = (list: AdPasswordSettings['periodic_rotation_account_include_list']) => (list ?? []).some((entry) => entry.account_sid === account.sid);
  const mode = settings.periodic_rotation_account_selector_mode ?? 'ALL';
  if (mode === 'INCLUDE') return listed(settings.periodic_rotation_account_include_list);
  if (mode === 'EXCLUDE') return !listed(settings.periodic_rotation_account_exclude_list);
  return true;
}
