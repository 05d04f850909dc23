import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord, isTrue } from '../../values';
import { opaAdObject } from './opa-ad-accounts';

const CRITERIA = ['username', 'first_and_last_name', 'display_name', 'email'];

/**
 * Individual AD accounts are matched to their owners on at least one exact attribute, so an admin account cannot
 * be handed to the wrong person by a loose match; and destroying the settings restores such a match.
 */
export function PamAdAccountMatchingStrict(subject: GuardrailSubject): RuleResult {
  const object = opaAdObject(subject);
  if (object?.kind !== 'rule-settings') return Compliance.NOT_APPLICABLE;
  const problems = (body: Record<string, unknown> | undefined, label: string): string[] => {
    if (!body || body.is_configured === false) return [`${label}::unconfigured`];
    const criteria = asRecord(body.matching_criteria) ?? {};
    return CRITERIA.some((c) => isTrue(criteria[c])) ? [] : [`${label}::no-exact-criterion`];
  };
  const reset = subject.attributes.delete_method === 'POST' ? asRecord(subject.attributes.delete_body) : undefined;
  return [...problems(object.body, 'Body'), ...problems(reset, 'DeleteBody')];
}
