import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { allowStatements, policyStatements } from './statements';

/**
 * True when a resource matches every resource of a kind. References (`${aws_sqs_queue.q.arn}`) are specific.
 * A wildcard after a specific name (`<log group arn>:*`, `<table arn>/index/*`) is accepted: it names the parts of one resource.
 */
export function isWildcardResource(resource: string): boolean {
  const value = resource.replace(/\$\{[^{}]*\}/g, 'REF');
  if (value === '*') return true;
  // Anything after a reference (`${aws_cloudwatch_log_group.l.arn}:*`) is part of that one resource.
  if (value.startsWith('REF')) return false;
  const arn = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/.exec(value);
  if (!arn) return value.includes('*');
  const [, , service, , account, rest] = arn;
  if (service.includes('*') || account === '*') return true;
  // `*`, `table/*`, `function:*`, `log-group:*`: a resource type followed by nothing but a wildcard.
  return /^\*$|^[A-Za-z0-9_-]+[/:]\*$/.test(rest) || rest.startsWith('*');
}

/** Allow statements name the resources they apply to: no `*`, no `table/*`, no NotResource. */
export function IamNoWildcardResources(subject: GuardrailSubject): RuleResult {
  const statements = policyStatements(subject);
  if (!statements) return Compliance.NOT_APPLICABLE;
  const findings = new Set<string>();
  for (const statement of allowStatements(statements)) {
    for (const resource of statement.resources) if (isWildcardResource(resource)) findings.add(`Resource::${resource}`);
    for (const resource of statement.notResources) findings.add(`NotResource::${resource}`);
  }
  return [...findings];
}
