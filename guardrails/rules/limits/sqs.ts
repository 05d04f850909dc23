import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asNumber } from '../../values';
import { LIMITS } from './documented-limits';

/**
 * The largest work message the bridge sends (`bridge/src/adapters/queue/message.ts`): the thread key (webhook id of at
 * most 256 characters, `#`, request number), a UUID correlation id, the user key (a login of at most 100 characters) and
 * the replay count, JSON-encoded; 4 KiB bounds it even if every character took six bytes of JSON escaping.
 */
export const BRIDGE_WORK_MESSAGE_MAX_BYTES = 4096;

/** SQS's default `max_message_size` when a queue does not set one (256 KiB). */
const SQS_DEFAULT_MAX_MESSAGE_BYTES = 262144;

/** A queue's size and time attributes are in SQS's ranges and hold the largest message the bridge sends. */
export function SqsQueueWithinLimits(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_sqs_queue') return Compliance.NOT_APPLICABLE;
  const a = subject.attributes;
  const findings: string[] = [];
  const maxSize = asNumber(a.max_message_size) ?? SQS_DEFAULT_MAX_MESSAGE_BYTES;
  if (maxSize < LIMITS.sqsMessageBytesMin.value || maxSize > LIMITS.sqsMessageBytes.value) findings.push(`MaxMessageSize::${maxSize}`);
  else if (maxSize < BRIDGE_WORK_MESSAGE_MAX_BYTES) findings.push(`MaxMessageSize::${maxSize}<${BRIDGE_WORK_MESSAGE_MAX_BYTES}`);
  const visibility = asNumber(a.visibility_timeout_seconds);
  if (visibility !== undefined && (visibility < 0 || visibility > LIMITS.sqsVisibilityTimeoutSeconds.value)) findings.push(`VisibilityTimeout::${visibility}`);
  const retention = asNumber(a.message_retention_seconds);
  if (retention !== undefined && (retention < 60 || retention > LIMITS.sqsRetentionSeconds.value)) findings.push(`MessageRetention::${retention}`);
  return findings;
}
