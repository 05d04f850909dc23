import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asNumber, isTrue } from '../../values';

/** Longest accepted checkout of a vaulted account: one working day (8 hours). */
export const MAX_CHECKOUT_SECONDS = 8 * 3600;

const CHECKOUT_TYPES = new Set([
  'oktapam_server_checkout_settings',
  'oktapam_saas_app_checkout_settings',
  'oktapam_okta_universal_directory_checkout_settings',
]);

/** Shared accounts are checked out (one user at a time) for at most MAX_CHECKOUT_SECONDS. */
export function PamCheckoutRequiredBounded(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || !CHECKOUT_TYPES.has(subject.type)) return Compliance.NOT_APPLICABLE;
  if (!isTrue(subject.attributes.checkout_required)) return Compliance.NON_COMPLIANT;
  const duration = asNumber(subject.attributes.checkout_duration_in_seconds);
  return duration !== undefined && duration > 0 && duration <= MAX_CHECKOUT_SECONDS ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
}
