import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { allowStatements, policyStatements } from './statements';

/** Allow statements name every action they grant: no `*`, no `sqs:*`, no `s3:Get*`, no NotAction. */
export function IamNoWildcardActions(subject: GuardrailSubject): RuleResult {
  const statements = policyStatements(subject);
  if (!statements) return Compliance.NOT_APPLICABLE;
  const findings = new Set<string>();
  for (const statement of allowStatements(statements)) {
    for (const action of statement.actions) if (action.includes('*')) findings.add(`Action::${action}`);
    for (const action of statement.notActions) findings.add(`NotAction::${action}`);
  }
  return [...findings];
}
