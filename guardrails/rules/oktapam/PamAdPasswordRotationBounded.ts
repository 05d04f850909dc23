import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asNumber, asRecord, isTrue } from '../../values';
import { opaAdObject } from './opa-ad-accounts';
import { MAX_ROTATION_SECONDS } from './PamPasswordRotationBounded';

/** What is wrong with one AD password policy body, as findings under `label`. */
export function adRotationProblems(body: Record<string, unknown> | undefined, label: string): string[] {
  if (!body || !isTrue(body.enable_periodic_rotation)) return [`${label}::rotation-off`];
  const problems: string[] = [];
  const period = asNumber(body.periodic_rotation_duration_in_seconds);
  if (period === undefined || period <= 0 || period > MAX_ROTATION_SECONDS) problems.push(`${label}::period-${String(period ?? 'unset')}`);
  if (body.periodic_rotation_account_selector_mode !== 'ALL')
    problems.push(`${label}::selector-${String(body.periodic_rotation_account_selector_mode ?? 'unset')}`);
  return problems;
}

/**
 * A project's AD account passwords rotate periodically, every account of it (selector ALL), at most every 30 days;
 * and destroying the settings restores a policy that still rotates.
 */
export function PamAdPasswordRotationBounded(subject: GuardrailSubject): RuleResult {
  const object = opaAdObject(subject);
  if (object?.kind !== 'password-settings') return Compliance.NOT_APPLICABLE;
  const problems = adRotationProblems(object.body, 'Body');
  const reset = asRecord(subject.attributes.delete_body);
  if (subject.attributes.delete_method !== 'PUT' || !reset) problems.push('DeleteBody::none');
  else problems.push(...adRotationProblems(reset, 'DeleteBody'));
  return problems;
}
