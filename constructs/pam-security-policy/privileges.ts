import type { SecurityPolicyV2RulesPrivileges } from '../../.gen/providers/oktapam/security-policy-v2';

/** What a rule lets its principals do on the servers it selects. */
export type ServerPrivilege = 'principal-account-rdp' | 'principal-account-ssh' | 'password-checkout-rdp' | 'password-checkout-ssh' | 'reveal-password';

/** Privileges that act on vaulted accounts, which the rule must therefore name. */
export const VAULTED_ACCOUNT_PRIVILEGES: ReadonlySet<ServerPrivilege> = new Set(['password-checkout-rdp', 'password-checkout-ssh', 'reveal-password']);

/**
 * One element of the provider's `privileges` list per privilege, as the provider's own test data writes them.
 * `adminLevel` applies to the principal-account privileges only (the schema has it nowhere else).
 */
export function toPrivileges(privileges: readonly ServerPrivilege[], adminLevel: boolean): SecurityPolicyV2RulesPrivileges[] {
  return privileges.map((privilege): SecurityPolicyV2RulesPrivileges => {
    switch (privilege) {
      case 'principal-account-rdp':
        return { principalAccountRdp: { principalAccountRdp: true, adminLevelPermissions: adminLevel } };
      case 'principal-account-ssh':
        return { principalAccountSsh: { principalAccountSsh: true, adminLevelPermissions: adminLevel } };
      case 'password-checkout-rdp':
        return { passwordCheckoutRdp: { passwordCheckoutRdp: true } };
      case 'password-checkout-ssh':
        return { passwordCheckoutSsh: { passwordCheckoutSsh: true } };
      case 'reveal-password':
        return { revealPassword: { revealPassword: true } };
    }
  });
}
