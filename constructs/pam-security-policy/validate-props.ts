import { Token } from 'cdktf';
import type { PamSecurityPolicyProps } from './pam-security-policy';
import { VAULTED_ACCOUNT_PRIVILEGES } from './privileges';

/** Most rules OPA accepts in one policy (the v1 schema's max_items; v2 enforces it server side). */
export const MAX_RULES = 20;

/** Every problem with the props, so that all are reported at once; empty when valid. */
export function validatePolicyProps(props: PamSecurityPolicyProps): string[] {
  const errors: string[] = [];
  if (props.principalGroupIds.length === 0)
    errors.push('principalGroupIds is empty: a policy with no principals grants nothing; pass the OPA ids of its groups');
  if (props.rules.length === 0 || props.rules.length > MAX_RULES) {
    errors.push(`rules has ${props.rules.length} rules but must have between 1 and ${MAX_RULES}`);
  }
  const names = new Set<string>();
  for (const rule of props.rules) {
    if (names.has(rule.name)) errors.push(`rule name "${rule.name}" is used twice; give each rule a unique name`);
    names.add(rule.name);
    if (rule.privileges.length === 0) errors.push(`rule "${rule.name}" grants no privilege; add one`);
    const seconds = rule.mfa.reAuthFrequencySeconds;
    if (!Token.isUnresolved(seconds) && (!Number.isInteger(seconds) || seconds < 0 || seconds > 86_400)) {
      errors.push(`rule "${rule.name}" re-authenticates every ${seconds} seconds but must use a whole number from 0 to 86400`);
    }
    const vaulted = rule.privileges.filter((p) => VAULTED_ACCOUNT_PRIVILEGES.has(p));
    if (vaulted.length > 0 && !rule.accounts?.length) {
      errors.push(`rule "${rule.name}" grants ${vaulted.join(', ')} but names no account; list the vaulted accounts`);
    }
    if (Object.keys(rule.serverLabels).length === 0) errors.push(`rule "${rule.name}" selects no server; give it at least one server label`);
  }
  return errors;
}
