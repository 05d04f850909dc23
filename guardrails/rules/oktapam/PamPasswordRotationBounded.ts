import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asNumber, isTrue } from '../../values';

/** Longest accepted rotation period of managed server-account passwords: 30 days. */
export const MAX_ROTATION_SECONDS = 30 * 24 * 3600;

/** Passwords of managed server accounts rotate periodically, at most every MAX_ROTATION_SECONDS. */
export function PamPasswordRotationBounded(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'oktapam_password_settings') return Compliance.NOT_APPLICABLE;
  if (!isTrue(subject.attributes.enable_periodic_rotation)) return Compliance.NON_COMPLIANT;
  const period = asNumber(subject.attributes.periodic_rotation_duration_in_seconds);
  return period !== undefined && period > 0 && period <= MAX_ROTATION_SECONDS ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
}
