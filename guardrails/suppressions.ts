import type { IConstruct } from 'constructs';

/** Node metadata type under which suppressions are stored on a construct. */
export const SUPPRESSIONS_METADATA = 'guardrails/suppressions';

/** An accepted finding: the rule id, optionally one granular finding (`LP-IAM1[Action::sqs:*]`), and why it is acceptable. */
export interface Suppression {
  /** `LP-IAM1` suppresses every finding of the rule; `LP-IAM1[Action::sqs:*]` only that one. */
  readonly id: string;
  /** Why the finding is acceptable here; at least 10 characters, shown in every synth report. */
  readonly reason: string;
}

const ID = /^([A-Z][A-Z0-9]*-[A-Z0-9]+)(?:\[(.+)\])?$/;
const MIN_REASON = 10;

/** The rule id and the granular finding of a suppression id. */
export function parseSuppressionId(id: string): { ruleId: string; finding?: string } {
  const match = ID.exec(id);
  if (!match) throw new Error(`suppression id "${id}" is not a rule id such as "LP-IAM1" or "LP-IAM1[Action::sqs:*]"; copy it from the finding`);
  return { ruleId: match[1], finding: match[2] };
}

/**
 * Accepts guardrail findings on `construct` and everything below it, each with a reason.
 *
 * The pack fails the synth when a suppression matches no finding, so a stale suppression cannot hide a future one.
 */
export function suppress(construct: IConstruct, suppressions: readonly Suppression[]): void {
  for (const suppression of suppressions) {
    parseSuppressionId(suppression.id);
    const reason = suppression.reason?.trim() ?? '';
    if (reason.length < MIN_REASON) {
      throw new Error(
        `suppression ${suppression.id} on ${construct.node.path} has reason "${reason}" (${reason.length} characters); explain in at least ${MIN_REASON} characters why the finding is acceptable`,
      );
    }
    construct.node.addMetadata(SUPPRESSIONS_METADATA, { id: suppression.id, reason });
  }
}

/** Like `suppress`, for the construct at `path` below `scope` (e.g. `Bridge/Worker/Role`); fails when no construct is there. */
export function suppressByPath(scope: IConstruct, path: string, suppressions: readonly Suppression[]): void {
  const parts = path.split('/').filter(Boolean);
  let target: IConstruct | undefined = scope;
  for (const part of parts) target = target?.node.tryFindChild(part);
  if (!target) {
    const children = scope.node.children.map((c) => c.node.id).join(', ');
    throw new Error(`suppressByPath: no construct at "${path}" below ${scope.node.path} (its children: ${children || 'none'}); fix the path`);
  }
  suppress(target, suppressions);
}

/** The suppressions stored on one construct (not its ancestors). */
export function suppressionsOn(construct: IConstruct): Suppression[] {
  return construct.node.metadata.filter((m) => m.type === SUPPRESSIONS_METADATA).map((m) => m.data as Suppression);
}
