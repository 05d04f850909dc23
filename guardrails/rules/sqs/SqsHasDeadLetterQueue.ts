import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';

/** True when `text` (a redrive policy, JSON or expression) references `address`. */
function mentions(text: unknown, address: string): boolean {
  return typeof text === 'string' && new RegExp(`\\b${address.replace(/[.]/g, '\\.')}\\.(arn|id|url)\\b`).test(text);
}

/**
 * Every queue either sends failed messages to a dead-letter queue or is one: a poison message must never block
 * a FIFO group or be retried forever.
 */
export function SqsHasDeadLetterQueue(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_sqs_queue') return Compliance.NOT_APPLICABLE;
  const redrive = subject.attributes.redrive_policy;
  if (typeof redrive === 'string' && /deadLetterTargetArn/.test(redrive)) return Compliance.COMPLIANT;
  if (subject.attributes.redrive_allow_policy !== undefined) return Compliance.COMPLIANT;
  const others = subject.stack.elements;
  const isDeadLetterQueue = others.some(
    (other) => other.type === 'aws_sqs_queue' && other.address !== subject.address && mentions(other.attributes.redrive_policy, subject.address),
  );
  const hasRedriveResource = others.some(
    (other) =>
      other.type === 'aws_sqs_queue_redrive_policy' &&
      (mentions(other.attributes.queue_url, subject.address) || mentions(other.attributes.redrive_policy, subject.address)),
  );
  return isDeadLetterQueue || hasRedriveResource ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
}
