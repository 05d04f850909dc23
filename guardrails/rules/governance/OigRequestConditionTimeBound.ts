import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord } from '../../values';
import { isoDurationSeconds } from './iso-duration';

/** Longest access an access-request condition may grant: 90 days. */
export const MAX_ACCESS_SECONDS = 90 * 24 * 3600;

/**
 * An access-request condition grants access for a bounded time (an ISO 8601 duration of at most 90 days) and
 * goes through an approval sequence.
 */
export function OigRequestConditionTimeBound(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'okta_request_condition') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  const duration = asRecord(subject.attributes.access_duration_settings)?.duration;
  if (typeof duration !== 'string') findings.push('Duration::missing');
  else {
    const seconds = isoDurationSeconds(duration);
    if (seconds === undefined || seconds <= 0 || seconds > MAX_ACCESS_SECONDS) findings.push(`Duration::${duration}`);
  }
  const sequence = subject.attributes.approval_sequence_id;
  if (typeof sequence !== 'string' || sequence.trim() === '') findings.push('ApprovalSequence::missing');
  return findings;
}
